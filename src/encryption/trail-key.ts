import { Arn, ArnFormat, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
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
import { accountList, checkPattern, checkPolicySize, checkRemovalPolicy, TRAIL_ARN, wholeDays } from '../private/prop-checks';
import { definedProps } from '../private/props';
import { addWithUniqueSid } from '../private/sids';

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

/**
 * A customer managed KMS key for CloudTrail log files, with automatic rotation and a key policy that
 * lets only the trails you allow encrypt with it.
 *
 * From the start the key policy lets principals of this account decrypt CloudTrail log files (and
 * nothing else: the encryption context must name a CloudTrail trail) when IAM also allows them, and
 * denies `kms:CreateGrant` except for AWS resources (Control Tower CT.KMS.PR.3).
 */
export class TrailKey extends kms.Key {
  private readonly contextAccounts: string[];
  /** Accounts allowed by `allowAccountTrails`, for the size message. */
  private accountTrails?: Set<string>;
  private readonly encryptionContexts: string[];

  constructor(scope: Construct, id: string, given: TrailKeyProps = {}) {
    const props = definedProps(given);
    const path = `${scope.node.path}/${id}`;
    checkRemovalPolicy(path, props.removalPolicy, 'AWS::KMS::Key');
    checkAlias(path, props.alias);
    checkPattern(path, 'description', props.description, { pattern: /^[^]{0,8192}$/, what: 'is over 8,192 characters, the most KMS takes', fix: 'shorten it' });
    const pendingDays = wholeDays(path, 'pendingWindow', props.pendingWindow, 7, 30, 'KMS schedules key deletion 7 to 30 days ahead');
    super(scope, id, {
      enableKeyRotation: true,
      alias: props.alias,
      description: props.description ?? 'Encrypts AWS CloudTrail log files',
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      pendingWindow: pendingDays !== undefined ? Duration.days(pendingDays) : props.pendingWindow ?? Duration.days(30),
    });
    const stack = Stack.of(this);
    this.contextAccounts = [stack.account];
    this.addToResourcePolicy(keyCreateGrantGuardStatement());
    // Lazy so that trails of other accounts allowed later are covered too.
    this.encryptionContexts = Lazy.list({
      produce: () => [...new Set(this.contextAccounts)].map((account) => trailEncryptionContext(stack.partition, account)),
    });
    this.addToResourcePolicy(keyDecryptLogsStatement([stack.account], this.encryptionContexts));
    checkPolicySize(this, () => (this.node.defaultChild as kms.CfnKey).keyPolicy, {
      bytes: 32768,
      what: () => `the key policy${this.accountTrails ? ` (allowAccountTrails lists ${this.accountTrails.size} accounts)` : ''}`,
      fix: 'allow an organization trail (allowTrailArn with its ARN: one trail for every member account), or spread the accounts over several keys',
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
    checkPattern(this.node.path, 'trailArn', trailArn, TRAIL_ARN);
    this.allowTrails([trailArn], Arn.split(trailArn, ArnFormat.SLASH_RESOURCE_NAME).account!);
  }

  /**
   * Lets every trail of the given accounts encrypt with this key (`aws:SourceArn` must be a trail of
   * one of those accounts, and the encryption context must name it).
   */
  public allowAccountTrails(accounts: string[]): void {
    const unique = accountList(this.node.path, accounts);
    const partition = Stack.of(this).partition;
    this.accountTrails = new Set([...this.accountTrails ?? [], ...unique]);
    // One set of statements lists every account: 40 accounts fit in the 32 KB a key policy may hold.
    const identity = this.identityOf(unique.map((account) => `arn:${partition}:cloudtrail:*:${account}:trail/*`), unique);
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
    addWithUniqueSid(this, keySnsPublishStatement(this.identityOf([trail.trailArn], [trail.env.account]), topic.topicArn));
  }

  private allowTrails(trailArns: string[], account: string): void {
    for (const statement of keyTrailStatements(this.identityOf(trailArns, [account]))) addWithUniqueSid(this, statement);
  }

  private identityOf(trailArns: string[], accounts: string[]): TrailIdentity {
    this.contextAccounts.push(...accounts);
    return { trailArns, encryptionContexts: accounts.map((account) => trailEncryptionContext(Stack.of(this).partition, account)) };
  }
}

/** KMS alias names (CreateAlias AliasName): 1 to 256 of a-z, A-Z, 0-9, ':', '/', '_', '-'; never alias/aws/ (AWS managed keys). */
function checkAlias(path: string, alias: string | undefined): void {
  if (alias === undefined || Token.isUnresolved(alias)) return;
  const name = alias.startsWith('alias/') ? alias : `alias/${alias}`;
  checkPattern(path, 'alias', name, {
    pattern: /^alias\/(?!aws\/)[a-zA-Z0-9:/_-]{1,250}$/,
    what: name.startsWith('alias/aws/') ? 'starts with alias/aws/, which KMS reserves for AWS managed keys'
      : 'is not a KMS alias name (alias/ and up to 250 of a-z, A-Z, 0-9, \':\', \'/\', \'_\' and \'-\')',
    fix: 'use a name such as \'alias/cloudtrail/my-trail\'',
  });
}
