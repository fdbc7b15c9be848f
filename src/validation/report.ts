import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { registerAppChecks } from './app-checks';
import { Properties, Rule } from './rules/rule';
import { PropNames, renderedProperties, reportRules, userPath } from './run';

export type { PropNames } from './run';
export { renderedProperties, reportRules, runRules, userPath } from './run';

/*
 * The one way this library reports a problem at synth, whatever the rule reads: every error of every construct
 * collected and listed together when synthesis fails, each as `[RULE_ID] <path>: <property> (prop <prop>) '<value>'
 * <problem>. Fix: <fix>.`; every warning acknowledgeable by `cdk-cloudtrail-kit:<RULE_ID>`.
 */

/**
 * Checks a construct's props now and reports at synth, with every other error of the app. Returns whether no rule
 * found an error, so the construct can leave a rejected value out of what it makes (and no other library fails on it
 * first, in its own words).
 */
export function checkProps<T>(
  scope: IConstruct,
  rules: readonly Rule<T>[],
  input: T,
  where: { path?: string; propNames?: PropNames } = {},
): boolean {
  registerAppChecks(scope);
  const errors = reportRules(scope, rules, input, where);
  if (errors.length > 0) scope.node.addValidation({ validate: () => errors });
  return errors.length === 0;
}

/**
 * Checks, at each synth, an input read then: for facts of another construct that can still change after this one is
 * made (a trail's escape hatches). Errors are listed with the app's others; warnings are acknowledgeable as usual.
 */
export function checkAtSynth<T>(
  scope: IConstruct,
  rules: readonly Rule<T>[],
  input: () => T,
  where: { path?: string; propNames?: PropNames } = {},
): void {
  registerAppChecks(scope);
  scope.node.addValidation({ validate: () => reportRules(scope, rules, input(), where) });
}

/**
 * Checks a resource's final properties at each synth: rendered then (overrides, `Tags.of()` and all), never from an
 * earlier rendering, so what an escape hatch changes after the construct derived it is checked too.
 */
export function checkTemplate(
  resource: CfnResource,
  rules: readonly Rule<Properties>[],
  where: { path?: string; propNames?: PropNames } = {},
): void {
  registerAppChecks(resource);
  resource.node.addValidation({
    validate: () => {
      const properties = renderedProperties(resource);
      return properties === undefined
        ? []
        : reportRules(resource, rules, properties, { path: where.path ?? userPath(resource), ...where });
    },
  });
}

/**
 * Marks a resource whose final properties a construct of this library already checks, so an enclosing one does not
 * again.
 */
const CHECKED = Symbol.for('cdk-cloudtrail-kit.templateChecked');

/**
 * Checks the final properties of every resource under `scope` that a rule applies to (by its resource type), except
 * those an inner construct of this library checks already. Call it at the end of a constructor, so inner constructs
 * have claimed theirs; a resource added later is claimed by a later call.
 */
export function checkResources(
  scope: IConstruct,
  rulesByType: Readonly<Record<string, readonly Rule<Properties>[]>>,
  propNames?: PropNames,
): void {
  for (const c of scope.node.findAll()) {
    if (!CfnResource.isCfnResource(c) || (c as unknown as Record<symbol, unknown>)[CHECKED] === true) continue;
    const rules = Object.prototype.hasOwnProperty.call(rulesByType, c.cfnResourceType)
      ? rulesByType[c.cfnResourceType]
      : undefined;
    if (rules === undefined || rules.length === 0) continue;
    Object.defineProperty(c, CHECKED, { value: true });
    checkTemplate(c, rules, { propNames });
  }
}
