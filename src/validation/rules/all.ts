import { ADVANCED_RULES } from './advanced-selectors';
import { APP_RULES } from './app';
import { DELIVERY_RULES } from './delivery';
import { SELECTOR_RULES } from './event-selectors';
import { INSIGHT_RULES } from './insights';
import { TrailRule } from './rule';
import { STORAGE_RULES } from './storage';
import { TAG_RULES } from './tags';
import { TRAIL_RULES } from './trail';
import { TrailRuleInfo } from '../rule-info';

/** The rules checked on each trail, in the order they are documented. */
export const EACH_TRAIL_RULES: readonly TrailRule[] = [
  ...TRAIL_RULES,
  ...STORAGE_RULES,
  ...DELIVERY_RULES,
  ...SELECTOR_RULES,
  ...ADVANCED_RULES,
  ...INSIGHT_RULES,
  ...TAG_RULES,
];

/**
 * Every rule, per trail and across trails, as `TrailValidator.rules()` lists them (the quota after the trail rules).
 */
export const ALL_RULES: readonly TrailRuleInfo[] = [
  ...TRAIL_RULES,
  ...APP_RULES,
  ...EACH_TRAIL_RULES.slice(TRAIL_RULES.length),
];
