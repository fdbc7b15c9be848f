import { CfnResource, Reference, Stack, Token, Tokenization, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { formatFinding } from './messages';
import { TrailRuleSeverity } from './rule-info';
import { EACH_TRAIL_RULES } from './rules/all';
import { APP_RULES, AppTrail } from './rules/app';
import { RuleFinding, TrailRule } from './rules/rule';
import { asLiteral } from './values';
import { KnownContext, TrailValidationContext, TrailView, trailView } from './view';
import { isAcknowledged, WARNING_PREFIX } from '../private/resource-policies';

export const TRAIL_RESOURCE_TYPE = 'AWS::CloudTrail::Trail';

interface Registration {
  context: TrailValidationContext;
  /** The properties rendered by the first of the trail's and the app's checks in a synth, for the other. */
  rendered?: Readonly<Record<string, unknown>>;
}

const registrations = new WeakMap<CfnResource, Registration>();
const checkedApps = new WeakSet<IConstruct>();

/**
 * Checks one CloudTrail trail at synth against every rule, and the app's trails together against the rules across
 * trails. One validation per trail however often it is called (SecureTrail and the TrailValidator aspect both call
 * it); a later call adds to the context.
 */
export function registerTrailValidation(cfnTrail: CfnResource, context: TrailValidationContext = {}): void {
  const existing = registrations.get(cfnTrail);
  if (existing) {
    existing.context = mergeContext(existing.context, context);
    return;
  }
  const registration: Registration = { context: mergeContext({}, context) };
  registrations.set(cfnTrail, registration);
  cfnTrail.node.addValidation({ validate: () => validateTrail(cfnTrail, registration) });
  const root = cfnTrail.node.root;
  if (!checkedApps.has(root)) {
    checkedApps.add(root);
    root.node.addValidation({ validate: () => validateApp(root) });
  }
}

function mergeContext(base: TrailValidationContext, extra: TrailValidationContext): TrailValidationContext {
  const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined && v !== null));
  return { ...base, ...defined, propNames: { ...base.propNames, ...extra.propNames } };
}

/** The trail's rendered properties, once per synth for both the trail's checks and the app's. */
function renderOnce(trail: CfnResource, registration: Registration | undefined): Readonly<Record<string, unknown>> | undefined {
  const props = registration?.rendered ?? renderedProperties(trail);
  if (registration) registration.rendered = registration.rendered ? undefined : props;
  return props;
}

function validateTrail(trail: CfnResource, registration: Registration): string[] {
  const props = renderOnce(trail, registration);
  if (props === undefined) return [];
  const { region, account } = Stack.of(trail);
  const view = trailView(props, { region: asLiteral(region), account: asLiteral(account) }, knownContext(trail, registration.context));
  const path = userPath(trail);
  const errors: string[] = [];
  for (const { rule, findings, failure } of checkView(view)) {
    if (failure !== undefined) {
      // A rule is plain code: one that meets a template it did not expect must not stop synthesis.
      warnOnce(trail, rule.id, `[${rule.id}] ${path}: this rule could not check the trail (${failure}). Check it yourself: ${rule.constraint}`);
    }
    for (const finding of findings) {
      const message = formatFinding(rule, finding, path, registration.context.propNames);
      if (rule.severity === TrailRuleSeverity.ERROR) errors.push(message);
      else warnOnce(trail, rule.id, message);
    }
  }
  return errors;
}

/** Every per-trail rule on one view, in order: its findings, or (a rule that throws is caught) why it could not check. */
export function checkView(view: TrailView): Array<{ rule: TrailRule; findings: RuleFinding[]; failure?: string }> {
  return EACH_TRAIL_RULES.map((rule) => {
    try {
      return { rule, findings: rule.check(view) };
    } catch (e) {
      return { rule, findings: [], failure: e instanceof Error ? e.message : String(e) };
    }
  });
}

/**
 * The construct's context, resolved. A trail that names its bucket or key by a reference (a raw CfnTrail) knows the
 * Region of the resource referenced: its stack's.
 */
function knownContext(trail: CfnResource, context: TrailValidationContext): KnownContext {
  const stack = Stack.of(trail);
  const resolve = (value: string | undefined) => asLiteral(value === undefined ? undefined : stack.resolve(value));
  return {
    bucketRegion: resolve(context.bucketRegion) ?? referencedRegion(trail, 's3BucketName', 'AWS::S3::Bucket'),
    keyRegion: resolve(context.keyRegion) ?? referencedRegion(trail, 'kmsKeyId', 'AWS::KMS::Key'),
    organizationId: context.organizationId === undefined ? undefined : stack.resolve(context.organizationId),
  };
}

/** The Region of the resource of `type` that a prop of the trail (a `CfnTrail`) references, when concrete. */
function referencedRegion(trail: CfnResource, prop: string, type: string): string | undefined {
  const value = (trail as unknown as Record<string, unknown>)[prop];
  const token = typeof value === 'string' && Token.isUnresolved(value) ? Tokenization.reverseString(value).firstToken : undefined;
  if (token === undefined || !Reference.isReference(token) || !CfnResource.isCfnResource(token.target)) return undefined;
  return token.target.cfnResourceType === type ? asLiteral(Stack.of(token.target).region) : undefined;
}

/**
 * The `Properties` of a resource exactly as the template will hold them, by aws-cdk-lib's own rendering: tags from
 * `Tags.of()`, escape-hatch overrides and all, resolved. `_toCloudFormation()` is what synthesis itself calls to
 * write the template (aws-cdk-lib has no other way to a resource's final properties before the template is
 * written); it is public, and documented as internal. Undefined when the resource is not rendered, or rendering
 * fails (synthesis then reports the failure itself).
 */
export function renderedProperties(resource: CfnResource): Readonly<Record<string, unknown>> | undefined {
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

/** The checks across the app's trails: one walk of the tree per synth, each finding reported once. */
function validateApp(root: IConstruct): string[] {
  const trails: Array<AppTrail & { resource: CfnResource }> = [];
  for (const c of root.node.findAll()) {
    // A trail under a Condition may not be created, so it is not counted.
    if (!CfnResource.isCfnResource(c) || c.cfnResourceType !== TRAIL_RESOURCE_TYPE || c.cfnOptions.condition !== undefined) continue;
    const { account, region, node } = Stack.of(c);
    // The final properties, so an escape-hatch override of the name counts.
    const props = renderOnce(c, registrations.get(c)) ?? {};
    const where = { resource: c, path: userPath(c), stack: node.path, account: asLiteral(account), region: asLiteral(region) };
    const names = { name: asLiteral(props.TrailName), derived: registrations.get(c)?.context.derivedNames ?? [] };
    trails.push({ ...where, ...names, multiRegion: props.IsMultiRegionTrail === true });
  }
  return APP_RULES.flatMap((rule) => rule.check(trails).flatMap((finding) => {
    const message = formatFinding(rule, finding, finding.where);
    if (!finding.warn) return [message];
    warnOnce(trails.find((t) => !t.account || !t.region)!.resource, rule.id, message);
    return [];
  }));
}

/** The path a user knows the trail by: the L2 construct's rather than its `Resource` child's. */
function userPath(trail: IConstruct): string {
  const scope = trail.node.scope;
  return trail.node.id === 'Resource' && scope !== undefined && scope.node.path !== '' ? scope.node.path : trail.node.path;
}

/**
 * Adds a warning unless acknowledged on the trail or any scope above it. Once: aws-cdk-lib's annotations never add a
 * message the construct already holds, so a second synth adds nothing.
 */
function warnOnce(trail: CfnResource, ruleId: string, message: string): void {
  const id = `${WARNING_PREFIX}:${ruleId}`;
  if (!isAcknowledged(trail, id)) Validations.of(trail).addWarning(id, message);
}
