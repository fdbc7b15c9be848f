import { CfnResource, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { registerAppChecks } from './app-checks';
import { formatFinding } from './messages';
import { EACH_TRAIL_RULES } from './rules/all';
import { APP_RULES, AppTrail } from './rules/app';
import { RuleFinding, TrailRule } from './rules/rule';
import { renderedProperties, reportRules, runRules, userPath } from './run';
import { asLiteral } from './values';
import { KnownContext, TrailValidationContext, TrailView, trailView } from './view';
import { warnOnce } from '../private/warnings';

export const TRAIL_RESOURCE_TYPE = 'AWS::CloudTrail::Trail';

interface Registration {
  context: TrailValidationContext;
}

// Properties of the trail and of the root, keyed by Symbol.for, not module state: every copy of the library sees them.
/** Set on a trail's CfnResource once its validation is registered: the context that later calls add to. */
const REGISTRATION = Symbol.for('cdk-cloudtrail-kit.trailValidation');
/** Set on an app's root once the checks across its trails are registered. */
const APP_REGISTERED = Symbol.for('cdk-cloudtrail-kit.trailsValidated');

function registrationOf(trail: CfnResource): Registration | undefined {
  return (trail as unknown as Record<symbol, Registration | undefined>)[REGISTRATION];
}

/**
 * Checks one CloudTrail trail at synth against every rule, and the app's trails together against the rules across
 * trails. One validation per trail however often it is called (SecureTrail and the TrailValidator aspect both call
 * it); a later call adds to the context.
 */
export function registerTrailValidation(cfnTrail: CfnResource, context: TrailValidationContext = {}): void {
  const existing = registrationOf(cfnTrail);
  if (existing) {
    existing.context = mergeContext(existing.context, context);
    return;
  }
  const registration: Registration = { context: mergeContext({}, context) };
  Object.defineProperty(cfnTrail, REGISTRATION, { value: registration });
  cfnTrail.node.addValidation({ validate: () => validateTrail(cfnTrail, registration) });
  registerAppChecks(cfnTrail);
  const root = cfnTrail.node.root as IConstruct & { [APP_REGISTERED]?: boolean };
  if (root[APP_REGISTERED] !== true) {
    Object.defineProperty(root, APP_REGISTERED, { value: true });
    root.node.addValidation({ validate: () => validateApp(root) });
  }
}

function mergeContext(base: TrailValidationContext, extra: TrailValidationContext): TrailValidationContext {
  const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined && v !== null));
  return { ...base, ...defined, propNames: { ...base.propNames, ...extra.propNames } };
}

function validateTrail(trail: CfnResource, registration: Registration): string[] {
  // Rendered at each synth, never cached: an override made after an earlier synth is checked too.
  const props = renderedProperties(trail);
  if (props === undefined) return [];
  const { region, account } = Stack.of(trail);
  const view = trailView(
    props,
    { region: asLiteral(region), account: asLiteral(account) },
    knownContext(trail, registration.context),
  );
  return reportRules(trail, EACH_TRAIL_RULES, view, {
    path: userPath(trail),
    propNames: registration.context.propNames,
  });
}

/**
 * Every per-trail rule on one view, in order: its findings, or (a rule that throws is caught) why it could not check.
 */
export function checkView(view: TrailView): Array<{ rule: TrailRule; findings: RuleFinding[]; failure?: string }> {
  return runRules(EACH_TRAIL_RULES, view);
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
  const token =
    typeof value === 'string' && Token.isUnresolved(value) ? Tokenization.reverseString(value).firstToken : undefined;
  if (token === undefined || !Reference.isReference(token) || !CfnResource.isCfnResource(token.target)) {
    return undefined;
  }
  return token.target.cfnResourceType === type ? asLiteral(Stack.of(token.target).region) : undefined;
}

/** The checks across the app's trails: one walk of the tree per synth, each finding reported once. */
function validateApp(root: IConstruct): string[] {
  const trails: Array<AppTrail & { resource: CfnResource }> = [];
  for (const c of root.node.findAll()) {
    // A trail under a Condition may not be created, so it is not counted.
    if (
      !CfnResource.isCfnResource(c) ||
      c.cfnResourceType !== TRAIL_RESOURCE_TYPE ||
      c.cfnOptions.condition !== undefined
    ) {
      continue;
    }
    const { account, region, node } = Stack.of(c);
    // The final properties, so an escape-hatch override of the name counts.
    const props = renderedProperties(c) ?? {};
    const where = {
      resource: c,
      path: userPath(c),
      stack: node.path,
      account: asLiteral(account),
      region: asLiteral(region),
    };
    const names = { name: asLiteral(props.TrailName), derived: registrationOf(c)?.context.derivedNames ?? [] };
    trails.push({ ...where, ...names, multiRegion: props.IsMultiRegionTrail === true });
  }
  return APP_RULES.flatMap((rule) =>
    rule.check(trails).flatMap((finding) => {
      const message = formatFinding(rule, finding, finding.where);
      if (!finding.warn) return [message];
      warnOnce(trails.find((t) => !t.account || !t.region)!.resource, rule.id, message);
      return [];
    }),
  );
}
