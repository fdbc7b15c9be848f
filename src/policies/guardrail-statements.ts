import * as iam from 'aws-cdk-lib/aws-iam';
import { AliasedKeys, aliasedKeys } from './key-references';
import { TamperTarget, tamperActions } from './tamper-events';
import { oneOrMany } from './trail-statements';

/*
 * The statements of the organization guardrails of a trail, written once. The service control policy denies the
 * calls of the one tamper list (TAMPER_EVENTS) on the trail and its storage to every principal of the member
 * accounts but the break-glass ones; the resource control policy keeps the log bucket, key and log group inside the
 * organization and on TLS. The RCP statements follow AWS's documented examples (aws-samples/
 * resource-control-policy-examples, data-perimeter-policy-examples): principals outside the organization are
 * denied unless they are AWS services, and AWS services only act for accounts of the organization.
 */

/** What the guardrails protect: the trail always; its log bucket, key and log group when known. */
export interface GuardedResources {
  /** The trail's ARN, as IAM sees it: `arn:<partition>:cloudtrail:<home region>:<owner account>:trail/<name>`. */
  readonly trailArn: string;
  /** The log bucket's ARN (`arn:<partition>:s3:::<bucket>`). */
  readonly bucketArn?: string;
  /** The KMS key's ARN (`...:key/<id>`). */
  readonly keyArn?: string;
  /**
   * Or the ARN of the alias the key is known by (`...:alias/<name>`, literal): IAM evaluates key calls against the key's
   * ARN, so a key known only by its alias is matched by `kms:ResourceAliases`, and the alias itself is protected.
   */
  readonly keyAliasArn?: string;
  /**
   * The log group's ARNs: `...:log-group:<name>` (the group) and `...:log-group:<name>:*` (its streams), since IAM
   * matches each request against one of the two forms.
   */
  readonly logGroupArns?: string[];
}

const SIDS: Record<TamperTarget, string> = {
  trail: 'DenyTrailChanges',
  bucket: 'DenyLogBucketChanges',
  key: 'DenyLogKeyChanges',
  keyAlias: 'DenyLogKeyAliasChanges',
  logGroup: 'DenyLogGroupChanges',
};

function aliasedKeysOf(aliasArn: string): AliasedKeys {
  const aliased = aliasedKeys(aliasArn);
  if (!aliased) throw new Error(`not a KMS alias ARN: ${aliasArn}`);
  return aliased;
}

/** The resources of one kind of target and the condition that narrows them, or none when unknown. */
function targetScope(resources: GuardedResources, target: TamperTarget): { resources: string[]; condition?: Record<string, unknown> } {
  switch (target) {
    case 'trail': return { resources: [resources.trailArn] };
    case 'bucket': return { resources: resources.bucketArn ? [resources.bucketArn] : [] };
    case 'key':
      if (resources.keyArn) return { resources: [resources.keyArn] };
      if (resources.keyAliasArn) {
        const aliased = aliasedKeysOf(resources.keyAliasArn);
        return { resources: [aliased.keys], condition: aliased.condition };
      }
      return { resources: [] };
    case 'keyAlias': return { resources: !resources.keyArn && resources.keyAliasArn ? [resources.keyAliasArn] : [] };
    case 'logGroup': return { resources: resources.logGroupArns ?? [] };
  }
}

/**
 * SCP: deny every tamper call on each known resource, one statement per kind of resource, except to the break-glass
 * principals (`aws:PrincipalArn` is the role ARN for a role session, so `ArnNotLike` exempts the role and its
 * sessions). With no break-glass principal the statements have no condition: nobody may make these calls.
 */
export function guardrailDenyStatements(resources: GuardedResources, breakGlassPrincipalArns: string[]): iam.PolicyStatement[] {
  const targets: TamperTarget[] = ['trail', 'bucket', 'key', 'keyAlias', 'logGroup'];
  const exempt = breakGlassPrincipalArns.length > 0 ? { ArnNotLike: { 'aws:PrincipalArn': oneOrMany(breakGlassPrincipalArns) } } : {};
  return targets.map((target) => ({ target, scope: targetScope(resources, target) }))
    .filter(({ scope }) => scope.resources.length > 0)
    .map(({ target, scope }) => {
      const conditions = { ...scope.condition, ...exempt };
      return new iam.PolicyStatement({
        sid: SIDS[target],
        effect: iam.Effect.DENY,
        actions: tamperActions(target),
        resources: scope.resources,
        conditions: Object.keys(conditions).length > 0 ? conditions : undefined,
      });
    });
}

/** The log storage a resource control policy keeps inside the organization. */
export interface PerimeterResources {
  /** The log bucket's ARN; the policy covers the bucket and its objects. */
  readonly bucketArn?: string;
  /** The KMS key's ARN. */
  readonly keyArn?: string;
  /** Or the ARN of the alias the key is known by (literal). */
  readonly keyAliasArn?: string;
  /** The log group's ARNs (the group and `:*`). */
  readonly logGroupArns?: string[];
}

/** What one set of statements covers: services, resources, and a condition that narrows them. */
interface PerimeterScope {
  readonly actions: string[];
  readonly resources: string[];
  readonly condition?: Record<string, unknown>;
  /** Appended to each Sid: the Sids of one policy stay unique. */
  readonly suffix: string;
}

/**
 * The resources named by ARN in one scope; a key known by its alias in another, since the alias condition must not
 * narrow the bucket and log group statements (it is absent from their requests).
 */
function perimeterScopes(resources: PerimeterResources): PerimeterScope[] {
  const actions: string[] = [];
  const arns: string[] = [];
  if (resources.bucketArn) {
    actions.push('s3:*');
    arns.push(resources.bucketArn, `${resources.bucketArn}/*`);
  }
  if (resources.keyArn) {
    actions.push('kms:*');
    arns.push(resources.keyArn);
  }
  if (resources.logGroupArns && resources.logGroupArns.length > 0) {
    actions.push('logs:*');
    arns.push(...resources.logGroupArns);
  }
  const scopes: PerimeterScope[] = arns.length > 0 ? [{ actions, resources: arns, suffix: '' }] : [];
  if (!resources.keyArn && resources.keyAliasArn) {
    const aliased = aliasedKeysOf(resources.keyAliasArn);
    scopes.push({ actions: ['kms:*'], resources: [aliased.keys], condition: aliased.condition, suffix: 'KeyByAlias' });
  }
  return scopes;
}

function perimeterStatement(scope: PerimeterScope, sid: string, conditions: Record<string, unknown>): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: `${sid}${scope.suffix}`,
    effect: iam.Effect.DENY,
    principals: [new iam.StarPrincipal()],
    actions: scope.actions,
    resources: scope.resources,
    conditions: { ...conditions, ...scope.condition },
  });
}

/**
 * RCP statements:
 * - principals outside the organization may not use the log storage, whatever its own policies say. AWS services are
 *   not principals of any organization (`aws:PrincipalIsAWSService`), so they are let through here; the `IfExists`
 *   forms are AWS's, so a request without the key (an anonymous one) is denied too;
 * - an AWS service may use it only on behalf of an account of the organization (`aws:SourceOrgID` is present whenever
 *   `aws:SourceAccount` is and that account belongs to an organization). CloudTrail delivers for the trail's owner
 *   account, so its own delivery goes through; a trail of another organization is refused;
 * - nobody may use it over plain HTTP.
 *
 * None when no storage is known.
 */
export function perimeterStatements(resources: PerimeterResources, organizationId: string): iam.PolicyStatement[] {
  const scopes = perimeterScopes(resources);
  return [
    ...scopes.map((scope) => perimeterStatement(scope, 'DenyAccessFromOutsideOrganization', {
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': organizationId },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    })),
    ...scopes.map((scope) => perimeterStatement(scope, 'DenyServicesActingForOutsiders', {
      StringNotEqualsIfExists: { 'aws:SourceOrgID': organizationId },
      Null: { 'aws:SourceAccount': 'false' },
      Bool: { 'aws:PrincipalIsAWSService': 'true' },
    })),
    ...scopes.map((scope) => perimeterStatement(scope, 'DenyInsecureTransport', {
      BoolIfExists: { 'aws:SecureTransport': 'false' },
    })),
  ];
}
