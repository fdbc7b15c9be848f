import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { formatFinding } from './messages';
import { TrailRuleSeverity } from './rule-info';
import { Properties, Rule, RuleFinding } from './rules/rule';
import { warnOnce } from '../private/warnings';

/*
 * Running rules and turning their findings into this library's one report format (see ./report.ts for how constructs
 * use it).
 */

/** How a construct names the props a rule reads: CloudFormation property or input key → the prop the user wrote. */
export type PropNames = Readonly<Record<string, string>>;

/**
 * Each rule's findings on one input, or, for a rule that throws on an input it did not expect, why it could not check.
 */
export function runRules<T>(
  rules: readonly Rule<T>[],
  input: T,
): Array<{ rule: Rule<T>; findings: RuleFinding[]; failure?: string }> {
  return rules.map((rule) => {
    try {
      return { rule, findings: rule.check(input) };
    } catch (e) {
      return { rule, findings: [], failure: e instanceof Error ? e.message : String(e) };
    }
  });
}

/** Where findings are reported: the path messages name (the construct's by default) and the props' names. */
export interface ReportWhere {
  readonly path?: string;
  readonly propNames?: PropNames;
}

/** Runs the rules and reports on `scope`: warnings at once (acknowledgeable), errors returned for the synth to list. */
export function reportRules<T>(
  scope: IConstruct,
  rules: readonly Rule<T>[],
  input: T,
  where: ReportWhere = {},
): string[] {
  const path = where.path ?? scope.node.path;
  const errors: string[] = [];
  for (const { rule, findings, failure } of runRules(rules, input)) {
    if (failure !== undefined) {
      // A rule is plain code: one that meets a value it did not expect must not stop synthesis.
      warnOnce(
        scope,
        rule.id,
        `[${rule.id}] ${path}: this rule could not check the value (${failure}). Check it yourself: ${rule.constraint}`,
      );
    }
    for (const finding of findings) {
      const message = formatFinding(rule, finding, path, where.propNames);
      if (rule.severity === TrailRuleSeverity.ERROR) errors.push(message);
      else warnOnce(scope, rule.id, message);
    }
  }
  return errors;
}

/**
 * The `Properties` of a resource exactly as the template will hold them, by aws-cdk-lib's own rendering: tags from
 * `Tags.of()`, escape-hatch overrides and all, resolved. `_toCloudFormation()` is what synthesis itself calls to
 * write the template (aws-cdk-lib has no other way to a resource's final properties before the template is
 * written); it is public, and documented as internal. Undefined when the resource is not rendered, or rendering
 * fails (synthesis then reports the failure itself).
 */
export function renderedProperties(resource: CfnResource): Properties | undefined {
  try {
    const rendered = resource._toCloudFormation() as { Resources?: Record<string, unknown> };
    const entry = Object.values(rendered.Resources ?? {})[0];
    if (entry === undefined) return undefined;
    // One token: the resource's definition, with its overrides merged in when it is resolved.
    const properties = Stack.of(resource).resolve(entry)?.Properties ?? {};
    return properties !== null && typeof properties === 'object' && !Array.isArray(properties) ? properties : {};
  } catch {
    return undefined;
  }
}

/** The path a user knows a resource by: the L2 construct's rather than its `Resource` child's. */
export function userPath(resource: IConstruct): string {
  const scope = resource.node.scope;
  return resource.node.id === 'Resource' && scope !== undefined && scope.node.path !== ''
    ? scope.node.path
    : resource.node.path;
}
