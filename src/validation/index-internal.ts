import { CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { arnRegion } from './arn';
import { formatFinding } from './messages';
import { toPartial } from './partial-string';
import { referenceTarget, resolvedProperties } from './resolve';
import { RuleCheckContext, RuleMemo, TrailRule } from './rule';
import { ALL_TRAIL_RULES } from './rules';
import { field, intrinsicArgument } from './values';
import { WARNING_PREFIX } from '../private/resource-policies';

/**
 * What the construct that made a trail knows and the template does not. Internal: not exported from the
 * package root.
 */
export interface TrailValidationContext {
  /**
   * The Region of the log bucket.
   *
   * @default - known only for a bucket of the trail's own stack (S3BucketName a Ref to it)
   */
  readonly bucketRegion?: string;
  /**
   * The Region of the KMS key.
   *
   * @default - read from the key ARN, or the stack's Region for a key of the trail's own stack
   */
  readonly keyRegion?: string;
  /**
   * The AWS Organizations id the trail is for.
   *
   * @default - not checked
   */
  readonly organizationId?: string;
  /**
   * The construct prop to name in messages, per CloudFormation property (e.g. `{ KMSKeyId: 'encryptionKey' }`).
   *
   * @default - the camelCase CloudFormation name (`trailName`, `s3KeyPrefix`, `kmsKeyId`, ...)
   */
  readonly propNames?: { readonly [cfnProperty: string]: string };
}

export const TRAIL_RESOURCE_TYPE = 'AWS::CloudTrail::Trail';
export const WARNING_ID_PREFIX = `${WARNING_PREFIX}:`;

interface Registration {
  context: TrailValidationContext;
  readonly warned: Set<string>;
}

const registrations = new WeakMap<CfnResource, Registration>();
const registeredPerRoot = new WeakMap<IConstruct, number>();

/**
 * Checks one CloudTrail trail at synth against every rule. Adds one validation per trail however often it is
 * called (SecureTrail and the TrailValidator aspect both call it); a later call adds to the context.
 */
export function registerTrailValidation(cfnTrail: CfnResource, context: TrailValidationContext = {}): void {
  const existing = registrations.get(cfnTrail);
  if (existing) {
    existing.context = mergeContext(existing.context, context);
    return;
  }
  const registration: Registration = { context: mergeContext({}, context), warned: new Set() };
  registrations.set(cfnTrail, registration);
  const root = cfnTrail.node.root;
  registeredPerRoot.set(root, (registeredPerRoot.get(root) ?? 0) + 1);
  passes.delete(root);
  cfnTrail.node.addValidation({ validate: () => validateTrail(cfnTrail, registration) });
}

function mergeContext(base: TrailValidationContext, extra: TrailValidationContext): TrailValidationContext {
  const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
  return { ...base, ...defined, propNames: { ...base.propNames, ...extra.propNames } };
}

/** The properties the rules read, each once, and per rule the one whose absence lets it skip (-1: never skips). */
const RULE_PROPERTIES = [...new Set(ALL_TRAIL_RULES.filter(skipsWhenAbsent).map((rule) => rule.cfnProperty))];
const RULE_PROPERTY_INDEX = ALL_TRAIL_RULES.map((rule) => (skipsWhenAbsent(rule) ? RULE_PROPERTIES.indexOf(rule.cfnProperty) : -1));

function skipsWhenAbsent(rule: TrailRule): boolean {
  return rule.cfnProperty !== '-' && !rule.checksAbsence;
}

function validateTrail(trail: CfnResource, registration: Registration): string[] {
  const pass = passFor(trail);
  const stack = Stack.of(trail);
  const props = resolvedProperties(trail);
  if (props === undefined) return [];
  const context = checkContext(trail, stack, props, registration.context, pass);
  const present = RULE_PROPERTIES.map((property) => field(props, property) !== undefined);
  const path = userPath(trail);
  const errors: string[] = [];
  for (let r = 0; r < ALL_TRAIL_RULES.length; r++) {
    const rule = ALL_TRAIL_RULES[r];
    const property = RULE_PROPERTY_INDEX[r];
    if (property >= 0 && !present[property]) continue;
    const findings = rule.check(props, context);
    for (let f = 0; f < findings.length; f++) {
      const message = formatFinding(rule, findings[f], path, registration.context.propNames);
      if (rule.severity === 'error') {
        errors.push(message);
      } else {
        warnOnce(trail, registration, `${WARNING_ID_PREFIX}${rule.id}`, message);
      }
    }
  }
  return errors;
}

function concrete(value: unknown): string | undefined {
  return typeof value === 'string' && !Token.isUnresolved(value) ? value : undefined;
}

function checkContext(trail: CfnResource, stack: Stack, props: unknown, given: TrailValidationContext, pass: Pass): RuleCheckContext {
  const region = concrete(stack.region);
  const account = concrete(stack.account);
  let bucketRegion = concrete(given.bucketRegion === undefined ? undefined : stack.resolve(given.bucketRegion));
  let keyRegion = concrete(given.keyRegion === undefined ? undefined : stack.resolve(given.keyRegion));
  // A bucket or key of the trail's own stack is in the stack's Region. Looking one up walks the stack, so only
  // when that could reveal a mismatch.
  const knownKeyRegion = keyRegion ?? arnRegion(toPartial(field(props, 'KMSKeyId'), { region, account }));
  if (region !== undefined && bucketRegion === undefined && knownKeyRegion !== undefined && knownKeyRegion !== region
    && isOwnStackResource(stack, field(props, 'S3BucketName'), 'AWS::S3::Bucket')) {
    bucketRegion = region;
  }
  if (region !== undefined && knownKeyRegion === undefined && bucketRegion !== undefined && bucketRegion !== region
    && isOwnStackResource(stack, field(props, 'KMSKeyId'), 'AWS::KMS::Key')) {
    keyRegion = region;
  }
  return {
    region,
    account,
    bucketRegion,
    keyRegion,
    organizationId: given.organizationId === undefined ? undefined : stack.resolve(given.organizationId),
    trailsInAccountRegion: region !== undefined && account !== undefined ? trailsInEnv(trail, pass, `${account}/${region}`) : undefined,
    memo: new RuleMemo(props, { region, account }),
  };
}

/** True when `value` is `{ Ref }` or `{ Fn::GetAtt }` of a resource of `type` in `stack` itself. */
function isOwnStackResource(stack: Stack, value: unknown, type: string): boolean {
  const target = referenceTarget(value);
  if (target !== undefined) return CfnResource.isCfnResource(target) && target.cfnResourceType === type && Stack.of(target) === stack;
  const ref = intrinsicArgument(value, 'Ref');
  const getAtt = intrinsicArgument(value, 'Fn::GetAtt');
  const logicalId = typeof ref === 'string' ? ref : Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
  if (logicalId === undefined) return false;
  return stack.node.findAll().some((c) => CfnResource.isCfnResource(c) && c.cfnResourceType === type
    && Stack.of(c) === stack && stack.resolve(c.logicalId) === logicalId);
}

/** The path a user knows the trail by: the L2 construct's rather than its `Resource` child's. */
function userPath(trail: IConstruct): string {
  const scope = trail.node.scope;
  return trail.node.id === 'Resource' && scope !== undefined && scope.node.path !== '' ? scope.node.path : trail.node.path;
}

/**
 * Trails of the whole app per concrete account and Region. The index is built once per validation pass (every
 * registered trail validates once per synth) rather than once per trail, and dropped when the pass ends.
 */
interface Pass {
  remaining: number;
  /** Trails validated in this pass: one validating again means a new pass began before this one ended. */
  readonly validated: Set<CfnResource>;
  index?: Map<string, string[]>;
}

// Keyed by the app's root only, so nothing here keeps an app alive (a timer or microtask to end a pass would, for
// as long as the synchronous code that synthesizes runs: all the apps of a test file or a benchmark).
const passes = new WeakMap<IConstruct, Pass>();

/**
 * The pass this validation belongs to. A pass ends when every registered trail has validated; one cut short
 * (a trail validated by hand, an exception elsewhere) ends when one of its trails validates again or a trail
 * is registered, so its index never reaches a later synth.
 */
function passFor(trail: CfnResource): Pass {
  const root = trail.node.root;
  let pass = passes.get(root);
  if (pass === undefined || pass.remaining <= 0 || pass.validated.has(trail)) {
    pass = { remaining: registeredPerRoot.get(root) ?? 1, validated: new Set() };
    passes.set(root, pass);
  }
  pass.validated.add(trail);
  pass.remaining--;
  if (pass.remaining <= 0) passes.delete(root);
  return pass;
}

function trailsInEnv(trail: CfnResource, pass: Pass, envKey: string): string[] {
  pass.index ??= indexTrails(trail.node.root);
  return pass.index.get(envKey) ?? [];
}

function indexTrails(root: IConstruct): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const c of root.node.findAll()) {
    // A trail under a Condition may not be created, so it is not counted towards the quota.
    if (!CfnResource.isCfnResource(c) || c.cfnResourceType !== TRAIL_RESOURCE_TYPE || c.cfnOptions.condition !== undefined) continue;
    const stack = Stack.of(c);
    const account = concrete(stack.account);
    const region = concrete(stack.region);
    if (account === undefined || region === undefined) continue;
    const key = `${account}/${region}`;
    const trails = index.get(key);
    if (trails) trails.push(userPath(c));
    else index.set(key, [userPath(c)]);
  }
  return index;
}

/** Adds a warning once, unless acknowledged on the trail or any scope above it. */
function warnOnce(trail: CfnResource, registration: Registration, id: string, message: string): void {
  if (registration.warned.has(message) || isAcknowledged(trail, id)) return;
  registration.warned.add(message);
  Validations.of(trail).addWarning(id, message);
}

/**
 * `Validations.acknowledge()` records acknowledgements as metadata; aws-cdk-lib only consults those of the
 * scopes above a construct when a warning is added, so one made on the trail itself before synth is read here.
 */
function isAcknowledged(trail: IConstruct, id: string): boolean {
  const qualified = `annotation::${id}`;
  return trail.node.scopes.some((scope) => scope.node.metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY
    && m.data !== null && typeof m.data === 'object' && Object.prototype.hasOwnProperty.call(m.data, qualified)));
}
