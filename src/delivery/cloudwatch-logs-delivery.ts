import { ArnFormat, RemovalPolicy, Resource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { TrailKey } from '../encryption/trail-key';
import { ITrail } from '../interfaces/itrail';
import {
  keyCloudWatchLogsStatement,
  logsDeliveryStatements,
  logsRoleTrustPrincipal,
  logStreamArn,
} from '../policies/trail-statements';
import { kmsAliasOf } from '../private/arns';
import { nagResourceText } from '../private/intrinsics';
import { checkExternalResource, findKeyByAlias } from '../private/log-archive-check';
import { definedProps } from '../private/props';
import { acknowledgeFindings, addStatementsOrWarn, warnStatementsToAdd } from '../private/resource-policies';
import { checkBesideTrail } from '../validation/beside-trail';
import { propNamesOf } from '../validation/prop-checks';
import { checkProps, checkResources } from '../validation/report';
import { IAM_RULES_BY_TYPE } from '../validation/rules/iam';
import { KMS_KEY_SYMMETRIC } from '../validation/rules/kms';
import { LOGS_DELIVERY_RULES, LOGS_TEMPLATE_RULES } from '../validation/rules/logs';
import { rejectedProps } from '../validation/rules/s3';

/**
 * Properties of `CloudWatchLogsDelivery`.
 */
export interface CloudWatchLogsDeliveryProps {
  /** The trail that delivers. */
  readonly trail: ITrail;

  /**
   * The log group to deliver to. It must be in the trail's Region.
   *
   * @default - a new log group `/aws/cloudtrail/<trail name>`, encrypted with `encryptionKey`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * The role CloudTrail assumes to deliver. A managed policy scoped to the log group is attached to it.
   *
   * @default - a new role trusted by cloudtrail.amazonaws.com
   */
  readonly role?: iam.IRole;

  /**
   * How long the log group keeps events (applies to a log group made here).
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly retention?: logs.RetentionDays;

  /**
   * The KMS key that encrypts a log group made here. Its policy gets a statement for CloudWatch Logs.
   *
   * @default - the log group is not encrypted with a customer managed key
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What happens to a log group made here when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * The organization of an organization trail: the role may then also write the member accounts'
   * `<organization id>_*` streams. A value other than the trail's own `organizationId` is an error at synth.
   *
   * @default - the trail's `organizationId`; none for an account trail
   */
  readonly organizationId?: string;
}

/**
 * Delivery of a trail's events to CloudWatch Logs: a KMS-encrypted log group and a role that may only
 * create and write CloudTrail's own log streams in it, granted by a customer managed policy.
 */
export class CloudWatchLogsDelivery extends Construct {
  /** The log group events are delivered to. */
  public readonly logGroup: logs.ILogGroup;
  /** The role CloudTrail assumes to deliver. */
  public readonly role: iam.IRole;
  /** The managed policy that lets the role write the trail's log streams. */
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: CloudWatchLogsDeliveryProps) {
    super(scope, id);
    // The props as written (their names, for messages), then with JavaScript nulls as unset.
    const given = props;
    props = definedProps(given);
    const stack = Stack.of(this);
    const kept = checkDeliveryProps(this, props, propNamesOf(given));
    this.logGroup = props.logGroup ?? this.makeLogGroup(kept);

    if (props.role) {
      this.role = props.role;
      if (props.role instanceof iam.Role) {
        props.role.assumeRolePolicy?.addStatements(trustStatement());
      } else {
        warnStatementsToAdd(
          this,
          'logsRoleTrust',
          `The trust policy of the CloudWatch Logs role ${props.role.roleArn}`,
          [trustStatement()],
        );
      }
    } else {
      this.role = new iam.Role(this, 'Role', {
        assumedBy: logsRoleTrustPrincipal(),
        description: `Lets CloudTrail deliver ${props.trail.trailName} to CloudWatch Logs`,
      });
    }

    const groupArnPrefix = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: this.logGroup.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const streams = [logStreamArn(groupArnPrefix, `${props.trail.env.account}_CloudTrail_${stack.region}`)];
    const organizationId = this.organizationOf(props);
    if (organizationId) streams.push(logStreamArn(groupArnPrefix, `${organizationId}_`));
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `Lets CloudTrail write ${props.trail.trailName} events to its CloudWatch Logs streams`,
      statements: logsDeliveryStatements(streams),
      roles: [this.role],
    });
    // The role and its managed policy against IAM's constraints (names, sizes, grammar, tags), the log group against
    // CloudWatch Logs'.
    checkResources(this, { ...LOGS_TEMPLATE_RULES, ...IAM_RULES_BY_TYPE });
    acknowledgeFindings(
      this.policy,
      Object.fromEntries(
        streams.map((arn) => [
          `AwsSolutions-IAM5[Resource::${nagResourceText(this, arn)}]`,
          'CloudTrail names its log streams <account>_CloudTrail_<region> with a suffix it chooses; the wildcard covers only those streams of this log group.',
        ]),
      ),
    );
  }

  /** A log group named after the trail, encrypted with the key when one is given. */
  /**
   * The organization whose member accounts' streams the role may write: the one given, which must be the trail's (a
   * conflicting one is reported and left out), else the trail's.
   */
  private organizationOf(props: CloudWatchLogsDeliveryProps): string | undefined {
    if (!checkBesideTrail(this, props.trail, { organizationId: props.organizationId }, true)) return undefined;
    return props.organizationId ?? props.trail.organizationId ?? undefined;
  }

  private makeLogGroup(props: CloudWatchLogsDeliveryProps): logs.ILogGroup {
    const stack = Stack.of(this);
    // An explicit name lets the key policy name the log group without a key <-> log group cycle.
    const logGroupName = `/aws/cloudtrail/${props.trail.trailName}`;
    if (props.encryptionKey) {
      const logGroupArn = stack.formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      if (TrailKey.isTrailKey(props.encryptionKey)) {
        props.encryptionKey.allowCloudWatchLogs(logGroupArn);
      } else {
        this.allowLogsIn(props.encryptionKey, [keyCloudWatchLogsStatement(stack.region, logGroupArn)]);
      }
    }
    return new logs.LogGroup(this, 'LogGroup', {
      logGroupName,
      encryptionKey: props.encryptionKey,
      retention: props.retention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }

  /**
   * A key known by its alias may be a log-archive key of this app: its policy is checked at synth then, and a warning
   * lists the statement only when the app does not define it.
   */
  private allowLogsIn(key: kms.IKey, statements: iam.PolicyStatement[]): void {
    const alias = 'aliasName' in key ? (key as kms.IAlias).aliasName : kmsAliasOf(key.keyArn);
    const what = 'The KMS key of the CloudWatch Logs log group';
    if (alias === undefined || Resource.isOwnedResource(key)) {
      addStatementsOrWarn(this, key, statements, { id: 'logGroupKeyPolicy', what });
      return;
    }
    checkExternalResource(this, {
      warningId: 'logGroupKeyPolicy',
      what,
      lookupName: alias,
      find: findKeyByAlias,
      statementsFor: () => statements,
      knownArn: key.keyArn,
      fix: 'On that key call allowCloudWatchLogs(<the log group ARN>).',
    });
  }
}

function trustStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['sts:AssumeRole'], principals: [logsRoleTrustPrincipal()] });
}

/** What CloudWatch Logs offers (PutRetentionPolicy), and aws-cdk-lib's INFINITE (no retention policy). */
/**
 * Checks the props (reported at synth with every other error of the app) and returns them without the values a rule
 * rejects, so aws-cdk-lib and CloudFormation do not fail first on them in their own words.
 */
function checkDeliveryProps(
  scope: Construct,
  props: CloudWatchLogsDeliveryProps,
  propNames?: Record<string, string>,
): CloudWatchLogsDeliveryProps {
  const stack = Stack.of(scope);
  const input = {
    removalPolicy: props.removalPolicy,
    retention: props.retention,
    // The key of a log group given here is that group's business: only a group made here is encrypted with it.
    encryptionKey: props.logGroup ? undefined : props.encryptionKey,
    logGroup: props.logGroup,
    stack: { env: { region: stack.region } },
    trail: { env: { account: props.trail?.env.account } },
  };
  checkProps(scope, LOGS_DELIVERY_RULES, input, { propNames });
  checkProps(scope, [KMS_KEY_SYMMETRIC], { encryptionKey: input.encryptionKey }, { propNames });
  const rejected = rejectedProps(LOGS_DELIVERY_RULES, input);
  return {
    ...props,
    removalPolicy: rejected.has('removalPolicy') ? undefined : props.removalPolicy,
    retention: rejected.has('retention') ? undefined : props.retention,
  };
}
