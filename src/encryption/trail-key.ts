import { Arn, ArnFormat, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ITrail } from '../interfaces/itrail';
import { logFilesDecryptStatement } from '../policies/grant-statements';
import {
  keyCloudWatchLogsStatement,
  keyCreateGrantGuardStatement,
  keyDecryptLogsStatement,
  keySnsPublishStatement,
  keyTrailStatements,
  trailEncryptionContext,
  TrailIdentity,
} from '../policies/trail-statements';
import { grantAll } from '../private/grants';
import { definedProps } from '../private/props';
import { addWithUniqueSid } from '../private/sids';
import { checkedAccounts, propNamesOf } from '../validation/prop-checks';
import { checkProps, checkResources } from '../validation/report';
import { KMS_ALIAS_RULES, KMS_KEY_PROP_RULES, KMS_TEMPLATE_RULES } from '../validation/rules/kms';
import { rejectedProps, TRAIL_ARN_FORMAT } from '../validation/rules/s3';

/** Every rule over the props of a TrailKey. */
const KEY_RULES = [...KMS_KEY_PROP_RULES, ...KMS_ALIAS_RULES];

/**
 * Properties of a `TrailKey`.
 */
export interface TrailKeyProps {
  /**
   * An alias for the key, with or without the `alias/` prefix.
   *
   * @default - no alias
   */
  readonly alias?: string;

  /**
   * A description of the key.
   *
   * @default 'Encrypts AWS CloudTrail log files'
   */
  readonly description?: string;

  /**
   * What happens to the key when it leaves the stack. Keep it: without the key, every log file it
   * encrypted is unreadable.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How long a scheduled deletion waits (7 to 30 days).
   *
   * @default Duration.days(30)
   */
  readonly pendingWindow?: Duration;
}

/** Marks a TrailKey of any copy of this library: `isTrailKey` reads it. */
const TRAIL_KEY_SYMBOL = Symbol.for('cdk-cloudtrail-kit.TrailKey');

/**
 * A customer managed KMS key for CloudTrail log files, with automatic rotation and a key policy that
 * lets only the trails you allow encrypt with it.
 *
 * From the start the key policy lets principals of this account decrypt CloudTrail log files (and
 * nothing else: the encryption context must name a CloudTrail trail) when IAM also allows them, and
 * denies `kms:CreateGrant` except for AWS resources (Control Tower CT.KMS.PR.3).
 */
export class TrailKey extends kms.Key {
  /**
   * Whether `x` is a `TrailKey`, also one made by another copy of this library (an app and a library it uses each
   * depending on this one), where `instanceof` is false.
   */
  public static isTrailKey(x: any): x is TrailKey {
    return x !== null && typeof x === 'object' && TRAIL_KEY_SYMBOL in x;
  }

  private readonly contextAccounts: string[];
  /** Accounts allowed by `allowAccountTrails`, for the policy size message. */
  private accountTrails?: Set<string>;
  private readonly encryptionContexts: string[];

  constructor(scope: Construct, id: string, props: TrailKeyProps = {}) {
    // The props as written (their names, for messages), then with JavaScript nulls as unset.
    const given = props;
    props = definedProps(given);
    const input = {
      removalPolicy: props.removalPolicy,
      alias: props.alias,
      description: props.description,
      pendingWindow: props.pendingWindow,
    };
    // Values a rule rejects are left out, so aws-cdk-lib and CloudFormation do not fail first on them in their own
    // words.
    const rejected = rejectedProps(KEY_RULES, input);
    const kept = <K extends keyof TrailKeyProps>(prop: K) => (rejected.has(prop) ? undefined : props[prop]);
    const pendingWindow = kept('pendingWindow');
    super(scope, id, {
      enableKeyRotation: true,
      alias: kept('alias'),
      description: kept('description') ?? 'Encrypts AWS CloudTrail log files',
      removalPolicy: kept('removalPolicy') ?? RemovalPolicy.RETAIN,
      // In whole days: 48 hours is 2 days, which aws-cdk-lib would otherwise refuse to convert.
      pendingWindow:
        pendingWindow !== undefined && !pendingWindow.isUnresolved()
          ? Duration.days(pendingWindow.toDays({ integral: false }))
          : (pendingWindow ?? Duration.days(30)),
    });
    Object.defineProperty(this, TRAIL_KEY_SYMBOL, { value: true });
    checkProps(this, KEY_RULES, input, { propNames: propNamesOf(given) });
    const stack = Stack.of(this);
    this.contextAccounts = [stack.account];
    this.addToResourcePolicy(keyCreateGrantGuardStatement());
    // Lazy so that trails of other accounts allowed later are covered too.
    this.encryptionContexts = Lazy.list({
      produce: () =>
        [...new Set(this.contextAccounts)].map((account) => trailEncryptionContext(stack.partition, account)),
    });
    this.addToResourcePolicy(keyDecryptLogsStatement([stack.account], this.encryptionContexts));
    // The policy size names the accounts allowAccountTrails lists, read at synth (the prop name is a getter).
    const key = this;
    checkResources(this, KMS_TEMPLATE_RULES, {
      get KeyPolicy() {
        return key.accountTrails ? `policy: allowAccountTrails lists ${key.accountTrails.size} accounts` : 'policy';
      },
    });
  }

  /**
   * Lets one trail encrypt its log and digest files with this key: `kms:GenerateDataKey*` with the
   * trail's encryption context, `kms:DescribeKey`, and the `kms:Decrypt` CloudTrail needs when the log
   * bucket uses S3 Bucket Keys. Each only when `aws:SourceArn` is this trail.
   */
  public allowTrail(trail: ITrail): void {
    this.allowTrails([trail.trailArn], trail.env.account);
  }

  /**
   * Like `allowTrail`, for a trail known by its ARN (for example, one in another account).
   */
  public allowTrailArn(trailArn: string): void {
    // A value that is no ARN is left out: Arn.split would fail on it in its own words.
    if (!checkProps(this, [TRAIL_ARN_FORMAT], { trailArn })) return;
    this.allowTrails([trailArn], Arn.split(trailArn, ArnFormat.SLASH_RESOURCE_NAME).account!);
  }

  /**
   * Lets every trail of the given accounts encrypt with this key (`aws:SourceArn` must be a trail of
   * one of those accounts, and the encryption context must name it).
   */
  public allowAccountTrails(accounts: string[]): void {
    const unique = checkedAccounts(this, accounts);
    if (unique.length === 0) return;
    const partition = Stack.of(this).partition;
    this.accountTrails = new Set([...(this.accountTrails ?? []), ...unique]);
    // One set of statements lists every account: 40 accounts fit in the 32 KB a key policy may hold.
    const identity = this.identityOf(
      unique.map((account) => `arn:${partition}:cloudtrail:*:${account}:trail/*`),
      unique,
    );
    for (const statement of keyTrailStatements(identity)) addWithUniqueSid(this, statement);
  }

  /**
   * Lets a principal (in this or another account) decrypt CloudTrail log files encrypted with this key,
   * and nothing else: the encryption context must name a CloudTrail trail of an account this key serves.
   * Reading the files also needs S3 read access to the bucket (see `ITrail.grantReadLogs`).
   */
  public grantDecryptLogs(grantee: iam.IGrantable): iam.Grant {
    // In a key policy the key is '*'.
    return grantAll(grantee, [logFilesDecryptStatement(this.keyArn, this.encryptionContexts)], this, ['*']);
  }

  /**
   * Lets CloudWatch Logs in this key's Region encrypt one log group with this key.
   *
   * @param logGroupArn the log group ARN without a trailing `:*`
   */
  public allowCloudWatchLogs(logGroupArn: string): void {
    addWithUniqueSid(this, keyCloudWatchLogsStatement(Stack.of(this).region, logGroupArn));
  }

  /**
   * Lets a trail publish to an SNS topic encrypted with this key (and only to that topic).
   */
  public allowTopicPublishFrom(trail: ITrail, topic: sns.ITopic): void {
    addWithUniqueSid(
      this,
      keySnsPublishStatement(this.identityOf([trail.trailArn], [trail.env.account]), topic.topicArn),
    );
  }

  private allowTrails(trailArns: string[], account: string): void {
    for (const statement of keyTrailStatements(this.identityOf(trailArns, [account]))) {
      addWithUniqueSid(this, statement);
    }
  }

  private identityOf(trailArns: string[], accounts: string[]): TrailIdentity {
    this.contextAccounts.push(...accounts);
    return {
      trailArns,
      encryptionContexts: accounts.map((account) => trailEncryptionContext(Stack.of(this).partition, account)),
    };
  }
}
