import { ArnFormat, DefaultStackSynthesizer, Names, Resource, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { OrganizationTrailPrerequisites } from './organization-trail-prerequisites';
import { covered, DEFAULT_DEPLOY_ROLE, exampleArn, patternFor, topStack } from './private/deploy-roles';
import { arnLike, sameLiteral } from './private/guardrail-checks';
import { guardedKey } from './private/key-alias';
import {
  DENY_POLICIES_PER_TARGET,
  longestValue,
  packStatements,
  policyContent,
  policySize,
  POLICY_SIZE_LIMIT,
  statementSize,
} from './private/policy-size';
import { ITrail } from '../interfaces/itrail';
import { GuardedResources, guardrailDenyStatements, perimeterStatements } from '../policies/guardrail-statements';
import { TamperTarget, tamperActions } from '../policies/tamper-events';
import { arnAccount } from '../private/arns';
import { isAcknowledged, WARNING_PREFIX } from '../private/resource-policies';
import { warnOnce } from '../private/warnings';
import { checkBesideTrail } from '../validation/beside-trail';
import { checkProps } from '../validation/report';
import { checkOrganizationsPolicies } from './private/policy-checks';
import {
  GUARDRAIL_POLICIES_PER_TARGET,
  GUARDRAIL_PRINCIPAL_ARN,
  GUARDRAIL_SAME_ORGANIZATION,
  GUARDRAIL_STATEMENT_SIZE,
} from '../validation/rules/guardrails';
import { ACCOUNT_ID, ORGANIZATION_ID } from '../validation/rules/identifiers';

/**
 * Properties of `TrailGuardrails`.
 */
export interface TrailGuardrailsProps {
  /**
   * The trail to protect. Its log bucket, KMS key and CloudWatch Logs log group are protected too when it knows them
   * (a `SecureTrail`, or `SecureTrail.fromTrailAttributes` with them), or when given below. An organization trail is
   * named by the management account's ARN, which is how member accounts (a delegated administrator) see it.
   */
  readonly trail: ITrail;

  /**
   * The principals still allowed to make these calls, matched with `aws:PrincipalArn` (`ArnNotLike`): for a role
   * session that is the role's ARN. Wildcards are allowed. The roles that deploy the guarded stacks go in
   * `deployRoleArns`.
   *
   * An empty list leaves nobody but the deploy roles able to make the calls (a warning says so).
   */
  readonly breakGlassPrincipalArns: string[];

  /**
   * The roles that deploy the stacks of the trail and its storage (CloudFormation execution roles), exempted like the
   * break-glass principals: an update of those stacks rewrites the guarded bucket, key and log group policies, and
   * would fail otherwise. Give the execution roles of a custom bootstrap qualifier or synthesizer here (synth warns,
   * `cdk-cloudtrail-kit:guardrailDeployRoleDenied`, when a stack of this app guarded by the policies deploys with a
   * role
   * none of them matches). An empty list exempts no deploy role.
   *
   * The provider role of a delegated administrator's organization trail (`SecureTrail` with `managementAccountId`) is
   * exempted on the trail by its tag, whatever this list holds.
   *
   * @default - the CDK bootstrap execution role of the default qualifier, in every account:
   * `arn:*:iam::*:role/cdk-hnb659fds-cfn-exec-role-*`
   */
  readonly deployRoleArns?: string[];

  /**
   * The roots (`r-...`), organizational units (`ou-...-...`) and accounts (12 digits) the policies are attached to.
   * Policies never apply to the management account.
   *
   * @default - the policies are created but not attached
   */
  readonly targetIds?: string[];

  /**
   * The organization id (`o-...`). With it a resource control policy keeps the log bucket, key and log group inside
   * the organization and on TLS. Give it for an account trail, or a trail imported without its `organizationId`; with
   * a trail that knows it, a different value is an error at synth.
   *
   * @default - the trail's `organizationId`; without one, no resource control policy (a warning says so when there
   * is storage to protect)
   */
  readonly organizationId?: string;

  /**
   * The organization's management account, where neither kind of policy applies: a resource there gets a warning.
   *
   * @default - the trail's account for an organization trail (`isOrganizationTrail`), otherwise not known
   */
  readonly managementAccountId?: string;

  /**
   * The trail's log bucket.
   *
   * @default - the trail's `bucket`, if known
   */
  readonly bucket?: s3.IBucket;

  /**
   * The KMS key that encrypts the log files. A key known by an alias (an alias ARN, or a `kms.Alias` imported by name)
   * is matched on every key of its account and Region by that alias (`kms:ResourceAliases`), since KMS authorizes key
   * calls on the key's ARN; a `kms.Alias` this app makes by its target key's ARN. The alias is protected too.
   *
   * @default - the trail's `encryptionKey`, if known
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The trail's CloudWatch Logs log group.
   *
   * @default - the trail's `logGroup`, if known
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * The name of the policies, suffixed `-scp` and `-rcp` (and `-2`, ... when a policy is split to fit).
   *
   * @default - a name derived from the construct path
   */
  readonly policyName?: string;
}

/**
 * Preventive guardrails for a trail, as AWS Organizations policies.
 *
 * Create them in the management account, or in a delegated administrator of Organizations policies. They are:
 *
 * - a service control policy that denies, to every principal of the targeted member accounts but the break-glass
 *   ones and the roles that deploy the guarded stacks (`deployRoleArns`), each call `TrailTamperAlert` watches:
 *   stopping, deleting or reconfiguring the trail, and weakening its log bucket, KMS key and log group. The provider
 *   role of a delegated administrator's organization trail, tagged by this library, may still create and update the
 *   trail; nobody else may take its tag;
 * - with an organization id (`organizationId`, or the trail's), a resource control policy that denies access to the
 *   log bucket, key and log group from outside the organization and over plain HTTP, letting AWS services
 *   (CloudTrail's own delivery) through only for accounts of the organization.
 *
 * Each policy fits in AWS Organizations' 5,120 characters, measured at synth with every value known only at deploy
 * time at its longest; one that would not is split into several, at most four per target (a root, OU or account holds
 * five policies of a type, its full-access policy among them). SCPs and RCPs never apply to the management account.
 */
export class TrailGuardrails extends Construct {
  /** The service control policies (one, unless split to fit). */
  public readonly serviceControlPolicies: organizations.CfnPolicy[];
  /** The resource control policies (none without `organizationId` or known storage). */
  public readonly resourceControlPolicies: organizations.CfnPolicy[];

  constructor(scope: Construct, id: string, props: TrailGuardrailsProps) {
    super(scope, id);
    const { trail } = props;
    const breakGlass = props.breakGlassPrincipalArns ?? [];
    const deployRoles = props.deployRoleArns ?? [DEFAULT_DEPLOY_ROLE];
    // A list known only at deploy time cannot be joined with another: the deploy roles must then be in it.
    const exempt = Token.isUnresolved(breakGlass)
      ? breakGlass
      : [...breakGlass, ...deployRoles.filter((role) => !covered(role, breakGlass))];
    const targetIds = props.targetIds ?? undefined;
    const organizationId = props.organizationId ?? trail.organizationId ?? undefined;
    const bucket = props.bucket ?? trail.bucket;
    const key = props.encryptionKey ?? trail.encryptionKey;
    const logGroup = props.logGroup ?? trail.logGroup;
    // Target ids are checked on the final policies (ORGANIZATIONS_TARGET_ID, with the rest of the Organizations rules).
    checkProps(this, [GUARDRAIL_PRINCIPAL_ARN], {
      breakGlassPrincipalArns: props.breakGlassPrincipalArns,
      deployRoleArns: props.deployRoleArns,
    });
    checkProps(this, [ORGANIZATION_ID], { organizationId: props.organizationId ?? undefined });
    checkBesideTrail(this, trail, { organizationId: props.organizationId });
    checkProps(this, [GUARDRAIL_SAME_ORGANIZATION], { organizationId, prerequisites: this.prerequisitesOf(trail) });
    checkProps(this, [ACCOUNT_ID], { managementAccountId: props.managementAccountId });

    const resources = this.guardedResources(trail.trailArn, bucket, key, logGroup);
    const measured = this.longest(this.guardedResources(trail.trailArn, bucket, key, logGroup, true));
    const management = props.managementAccountId ?? (trail.isOrganizationTrail ? trail.env.account : undefined);
    this.warnAboutManagementAccount(management, targetIds, [
      ['the trail', trail.env.account],
      ['the log bucket', bucket && accountOf(bucket, bucket.bucketArn)],
      ['the KMS key', key && accountOf(key, key.keyArn)],
      ['the log group', logGroup && accountOf(logGroup, logGroup.logGroupArn)],
    ]);
    if (!Token.isUnresolved(breakGlass) && breakGlass.length === 0) {
      const only =
        Token.isUnresolved(deployRoles) || deployRoles.length > 0 ? 'but the deploy roles (deployRoleArns) ' : '';
      Validations.of(this).addWarning(
        `${WARNING_PREFIX}:guardrailNoBreakGlass`,
        'breakGlassPrincipalArns is empty: no ' +
          `principal of the targeted accounts ${only}may ever change the trail or its storage, not even to repair them. ` +
          'Add a break-glass role (arn:aws:iam::*:role/BreakGlass), or acknowledge if that is what you want.',
      );
    }
    if (!Token.isUnresolved(exempt)) {
      this.warnAboutDeniedDeployRoles(exempt, management, [trail, bucket, key, logGroup]);
    }

    const base = props.policyName ?? Names.uniqueResourceName(this, { maxLength: 100 });
    const trailName = trail.trailName;
    const worstExempt = Token.isUnresolved(exempt)
      ? exempt
      : exempt.map((arn) => longestValue(this, arn, 'principalArn'));
    this.serviceControlPolicies = this.policies(
      'ServiceControlPolicy',
      'SERVICE_CONTROL_POLICY',
      `${base}-scp`,
      guardrailDenyStatements(resources, exempt),
      guardrailDenyStatements(measured, worstExempt),
      `Denies stopping, deleting or weakening the CloudTrail trail ${trailName} and its log storage, except to break-glass principals`,
      targetIds,
      Token.isUnresolved(breakGlass),
    );

    const hasStorage = perimeterStatements(resources, 'o-x').length > 0;
    this.warnWithoutPerimeter(organizationId, hasStorage);
    this.resourceControlPolicies =
      organizationId === undefined || !hasStorage
        ? []
        : this.policies(
            'ResourceControlPolicy',
            'RESOURCE_CONTROL_POLICY',
            `${base}-rcp`,
            perimeterStatements(resources, organizationId),
            perimeterStatements(measured, longestValue(this, organizationId, 'organizationId')),
            `Keeps the log storage of the CloudTrail trail ${trailName} inside the organization and on TLS`,
            targetIds,
            false,
          );
    // Every Organizations constraint on the final policies: name, size, grammar, targets, partition, policies per
    // target.
    checkOrganizationsPolicies(this);
  }

  /**
   * The ARNs IAM evaluates for the trail and its storage. To measure, a bucket or log group this app makes is named by
   * the name it is given, where the template would refer to it.
   */
  private guardedResources(
    trailArn: string,
    bucket?: s3.IBucket,
    key?: kms.IKey,
    logGroup?: logs.ILogGroup,
    measure = false,
  ): GuardedResources {
    const named = key && guardedKey(key);
    const bucketName = measure && bucket ? givenName(bucket, (c: s3.CfnBucket) => c.bucketName) : undefined;
    const groupName =
      (measure && logGroup ? givenName(logGroup, (c: logs.CfnLogGroup) => c.logGroupName) : undefined) ??
      logGroup?.logGroupName;
    const groupArn =
      logGroup &&
      Stack.of(this).formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: groupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        account: logGroup.env.account,
        region: logGroup.env.region,
      });
    return {
      trailArn,
      bucketArn: bucketName
        ? Stack.of(this).formatArn({ service: 's3', region: '', account: '', resource: bucketName })
        : bucket?.bucketArn,
      ...named,
      logGroupArns: groupArn ? [groupArn, `${groupArn}:*`] : undefined,
    };
  }

  /** The same resources with every value known only at deploy time at its longest. */
  private longest(resources: GuardedResources): GuardedResources {
    return {
      trailArn: longestValue(this, resources.trailArn, 'trailArn'),
      bucketArn: resources.bucketArn && longestValue(this, resources.bucketArn, 'bucketArn'),
      keyArn: resources.keyArn && longestValue(this, resources.keyArn, 'keyArn'),
      keyAliasArn: resources.keyAliasArn && longestValue(this, resources.keyAliasArn, 'keyArn'),
      keyAliasName: resources.keyAliasName,
      aliasedKeysArn: resources.aliasedKeysArn && longestValue(this, resources.aliasedKeysArn, 'keyArn'),
      logGroupArns: resources.logGroupArns?.map((arn) => longestValue(this, arn, 'logGroupArn')),
    };
  }

  /** One policy, or several when the statements do not fit in one. */
  private policies(
    id: string,
    type: string,
    name: string,
    statements: iam.PolicyStatement[],
    longest: iam.PolicyStatement[],
    description: string,
    targetIds: string[] | undefined,
    unmeasured: boolean,
  ): organizations.CfnPolicy[] {
    if (unmeasured) {
      Validations.of(this).addWarning(
        `${WARNING_PREFIX}:guardrailPolicySize`,
        `the size of the ${type} could not be ` +
          'measured at synth (breakGlassPrincipalArns is known only at deploy time); AWS Organizations refuses a policy over ' +
          `${POLICY_SIZE_LIMIT} characters. Give the list at synth, or acknowledge once you have checked it.`,
      );
    }
    const sizes = longest.map(statementSize);
    const packed = unmeasured ? { policies: [statements.map((_, i) => i)] } : packStatements(sizes);
    const attached = targetIds !== undefined && (Token.isUnresolved(targetIds) || targetIds.length > 0);
    const packing = {
      type,
      limit: POLICY_SIZE_LIMIT,
      tooLarge:
        'tooLarge' in packed
          ? { sid: String(statements[packed.tooLarge].sid), size: policySize([sizes[packed.tooLarge]]) }
          : undefined,
      policies: 'tooLarge' in packed ? 0 : packed.policies.length,
      attached,
      perTarget: DENY_POLICIES_PER_TARGET,
    };
    // Reported with the app's other errors; nothing is made that Organizations would refuse.
    if (!checkProps(this, [GUARDRAIL_STATEMENT_SIZE, GUARDRAIL_POLICIES_PER_TARGET], packing) || 'tooLarge' in packed) {
      return [];
    }
    // No L2 for AWS Organizations policies in aws-cdk-lib.
    return packed.policies.map(
      (indexes, n) =>
        new organizations.CfnPolicy(this, n === 0 ? id : `${id}${n + 1}`, {
          name: n === 0 ? name : `${name}-${n + 1}`,
          type,
          description,
          content: policyContent(indexes.map((i) => statements[i])),
          targetIds,
        }),
    );
  }

  /**
   * The OrganizationTrailPrerequisites of this stack and the trail's: the organization they name must be this one, or
   * the
   * resource control policy refuses the organization's own principals.
   */
  private prerequisitesOf(trail: ITrail): Array<{ path: string; organizationId?: string }> {
    const stacks = new Set([topStack(this), topStack(trail)]);
    return [...stacks].flatMap((stack) =>
      stack.node
        .findAll()
        .filter((c) => OrganizationTrailPrerequisites.isOrganizationTrailPrerequisites(c))
        .map((p) => ({ path: p.node.path, organizationId: p.organizationId })),
    );
  }

  /** A resource control policy needs both the organization id and known log storage: warn when one is missing. */
  private warnWithoutPerimeter(organizationId: string | undefined, hasStorage: boolean): void {
    if (organizationId === undefined && hasStorage) {
      Validations.of(this).addWarning(
        `${WARNING_PREFIX}:guardrailNoResourceControlPolicy`,
        "organizationId is not given (nor is the trail's known), so " +
          'no resource control policy keeps the log storage inside the organization: give organizationId, or acknowledge.',
      );
    }
    if (organizationId !== undefined && !hasStorage) {
      warnOnce(
        this,
        'guardrailNoStorage',
        `${this.node.path}: an organizationId is given, but the trail's bucket, key and log group ` +
          'are not known to this app, so no resource control policy is written and organizationId is unused. Fix: import the trail ' +
          'with SecureTrail.fromTrailAttributes and its bucket, encryptionKey and logGroup, or acknowledge with ' +
          `Validations.of(scope).acknowledge({ id: '${WARNING_PREFIX}:guardrailNoStorage', reason: '...' }).`,
      );
    }
  }

  /**
   * The stacks of this app whose resources the policies guard are deployed by their synthesizer's CloudFormation
   * execution role: warn when no exempt pattern matches it, since their updates would then be denied.
   */
  private warnAboutDeniedDeployRoles(
    exempt: string[],
    management: string | undefined,
    guarded: Array<IConstruct | undefined>,
  ): void {
    const id = `${WARNING_PREFIX}:guardrailDeployRoleDenied`;
    if (isAcknowledged(this, id) || exempt.some((arn) => Token.isUnresolved(arn))) return;
    const byStack = new Map<Stack, Array<[string, TamperTarget]>>();
    const kinds: TamperTarget[] = ['trail', 'bucket', 'key', 'logGroup'];
    guarded.forEach((resource, i) => {
      if (!resource || !Resource.isOwnedResource(resource)) return;
      const stack = topStack(resource);
      byStack.set(stack, [...(byStack.get(stack) ?? []), [resource.node.path, kinds[i]]]);
    });
    for (const [stack, resources] of byStack) {
      // SCPs never apply to the management account's principals.
      if (sameLiteral(stack.account, management)) continue;
      const synthesizer = stack.synthesizer;
      if (!(synthesizer instanceof DefaultStackSynthesizer)) continue;
      const role = synthesizer.cloudFormationExecutionRoleArn;
      const sample = exampleArn(stack, role);
      if (sample === undefined || exempt.some((pattern) => arnLike(pattern, sample))) continue;
      const actions = [...new Set(resources.flatMap(([, kind]) => tamperActions(kind)))];
      Validations.of(this).addWarning(
        id,
        `the stack ${stack.stackName} deploys ${resources.map(([p]) => p).join(', ')} ` +
          `with the CloudFormation execution role '${sample}', which neither breakGlassPrincipalArns nor deployRoleArns ` +
          `matches: wherever the service control policy applies, it denies that role ${actions.join(', ')}, and the ` +
          `stack's updates fail. Fix: add '${patternFor(stack, sample)}' to 'deployRoleArns' (or acknowledge if the ` +
          'policies are not attached to that account).',
      );
    }
  }

  /** SCPs and RCPs never apply to the management account: say so for whatever of the trail lives there. */
  private warnAboutManagementAccount(
    management: string | undefined,
    targetIds: string[] | undefined,
    owners: Array<[string, string | undefined]>,
  ): void {
    if (management === undefined || Token.isUnresolved(management)) return;
    const there = owners.filter(([, account]) => sameLiteral(account, management)).map(([what]) => what);
    const targeted = targetIds && !Token.isUnresolved(targetIds) && targetIds.includes(management);
    if (there.length === 0 && !targeted) return;
    const parts: string[] = [];
    if (there.length > 0) {
      parts.push(
        `${there.join(', ')} ${there.length === 1 ? 'is' : 'are'} in the management account ${management}. ` +
          'Service control policies never apply to its own principals and resource control policies never apply to its ' +
          'resources: the service control policy still stops principals of member accounts (a delegated administrator) ' +
          "from changing them, but against the management account's own administrators they are guarded only by " +
          'TrailTamperAlert and by keeping those administrators few.',
      );
    }
    if (targeted) {
      parts.push(`targetIds holds the management account ${management}, where the policies have no effect.`);
    }
    Validations.of(this).addWarning(
      `${WARNING_PREFIX}:guardrailManagementAccount`,
      `${parts.join(' ')} Acknowledge once understood.`,
    );
  }
}

/** The fix for a policy that is too long: the break-glass patterns are what grows it. */

/** The literal physical name of a resource this app makes, read from its L1, when one was given. */
function givenName<T>(resource: IConstruct, name: (cfn: T) => string | undefined): string | undefined {
  if (!Resource.isOwnedResource(resource)) return undefined;
  const cfn = resource.node.defaultChild as unknown as T | undefined;
  const value = cfn === undefined ? undefined : name(cfn);
  return typeof value === 'string' && !Token.isUnresolved(value) ? value : undefined;
}

/**
 * The account a resource lives in, when known: the stack's for one this app owns, the one it was imported with
 * (an environment that differs from its stack's, or the account in its ARN); undefined otherwise (a bucket imported
 * by name carries its importing stack's account, which says nothing).
 */
function accountOf(resource: IConstruct & { env: { account: string } }, arn: string): string | undefined {
  if (Resource.isOwnedResource(resource)) return resource.env.account;
  const stackAccount = Stack.of(resource).account;
  if (resource.env.account !== stackAccount) return resource.env.account;
  return arnAccount(arn);
}
