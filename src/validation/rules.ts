import { TrailRule } from './rule';
import { ADVANCED_RULES } from './rules-advanced';
import { DELIVERY_RULES } from './rules-delivery';
import { INSIGHT_RULES } from './rules-insights';
import { SELECTOR_RULES } from './rules-selectors';
import { STORAGE_RULES } from './rules-storage';
import { TAG_RULES } from './rules-tags';
import { TRAIL_RULES } from './rules-trail';

/**
 * Every CloudTrail constraint this library checks at synth, in the order they are documented. This is the only
 * place they are implemented: SecureTrail and TrailValidator both run these.
 */
export const ALL_TRAIL_RULES: readonly TrailRule[] = [
  ...TRAIL_RULES,
  ...STORAGE_RULES,
  ...DELIVERY_RULES,
  ...SELECTOR_RULES,
  ...ADVANCED_RULES,
  ...INSIGHT_RULES,
  ...TAG_RULES,
];
