import { Arn, ArnFormat, IResource, Resource, ResourceProps, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TrailAttributes, TrailLogFiles } from './imported-trail';
import { OnCloudTrailEventOptions } from '../monitoring/on-cloudtrail-event-options';
import { apiCallPattern } from '../monitoring/private/event-patterns';
import {
  logFilesDecryptStatement,
  logFilesReadStatements,
  trailListPublicKeysStatement,
  trailLookupEventsStatement,
  trailManageTagsStatement,
  trailReadConfigurationStatements,
  trailStartStopLoggingStatement,
} from '../policies/grant-statements';
import { trailEncryptionContext } from '../policies/trail-statements';
import { grantAll } from '../private/grants';
import { ACCOUNT, PARTITION, REGION } from '../validation/arn';
import { TRAIL_RULES } from '../validation/rules-trail';

/**
 * A CloudTrail trail, made by this library or imported.
 *
 * `env.account` is the account that owns the trail (the management account for an organization trail).
 */
export interface ITrail extends IResource {
  /**
   * The ARN of the trail, e.g. `arn:aws:cloudtrail:us-east-1:111122223333:trail/my-trail`.
   *
   * @attribute
   */
  readonly trailArn: string;

  /**
   * The name of the trail.
   *
   * @attribute
   */
  readonly trailName: string;

  /**
   * Lets the grantee read this trail's settings, status, event and Insights selectors and tags
   * (`GetTrail`, `GetTrailStatus`, `GetEventSelectors`, `GetInsightSelectors`, `ListTags` on this trail), and
   * `DescribeTrails`, which IAM only grants on `*`.
   */
  grantReadConfiguration(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets the grantee look up the account's management events of the last 90 days (`LookupEvents`, which IAM only
   * grants on `*`: it reads event history, not this trail).
   */
  grantLookupEvents(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets the grantee start and stop logging of this trail (`StartLogging`, `StopLogging`).
   */
  grantStartStopLogging(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets the grantee add, remove and list the tags of this trail (`AddTags`, `RemoveTags`, `ListTags`).
   */
  grantManageTags(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets the grantee list the public keys that validate digest files (`ListPublicKeys`, which IAM only grants on
   * `*`), as `aws cloudtrail validate-logs` needs.
   */
  grantListPublicKeys(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets the grantee read this trail's log and digest files: `s3:GetObject` under `[prefix/]AWSLogs/<trail account>/`,
   * `s3:ListBucket` of that path only, and `kms:Decrypt` with the trail key only for data encrypted by a CloudTrail
   * trail of the trail's account.
   *
   * Throws when the bucket is not known (a trail imported by ARN or name): import it with
   * `fromTrailAttributes` and its `bucket` (and `encryptionKey`).
   */
  grantReadLogs(grantee: iam.IGrantable): iam.Grant;

  /**
   * An EventBridge rule, in this trail's stack, for API calls recorded by CloudTrail (`AWS API Call via CloudTrail`)
   * in that stack's Region. It is not limited to calls about this trail.
   */
  onCloudTrailEvent(id: string, options?: OnCloudTrailEventOptions): events.Rule;
}

/**
 * What every trail of this library shares, whether it was made here or imported: grants and events.
 */
export abstract class TrailBase extends Resource implements ITrail {
  /**
   * Imports a trail by ARN. Its account and Region are read from the ARN.
   *
   * Only the trail is known: `grantReadLogs` needs `fromTrailAttributes` with the bucket.
   */
  public static fromTrailArn(scope: Construct, id: string, trailArn: string): ITrail {
    return TrailBase.fromTrailAttributes(scope, id, { trailArn });
  }

  /**
   * Imports a trail of this stack's account and Region by name.
   *
   * Only the trail is known: `grantReadLogs` needs `fromTrailAttributes` with the bucket.
   */
  public static fromTrailName(scope: Construct, id: string, trailName: string): ITrail {
    checkTrailName(childPath(scope, id), trailName);
    const trailArn = Stack.of(scope).formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
    return new ImportedTrail(scope, id, { trailArn, trailName, logFiles: {} });
  }

  /**
   * Imports a trail by ARN, with where it delivers its log files. Its account and Region are read from the ARN.
   */
  public static fromTrailAttributes(scope: Construct, id: string, attrs: TrailAttributes): ITrail {
    const { trailArn, ...logFiles } = attrs;
    const trailName = trailNameOfArn(childPath(scope, id), trailArn);
    return new ImportedTrail(scope, id, { trailArn, trailName, logFiles, environmentFromArn: trailArn });
  }

  public abstract readonly trailArn: string;
  public abstract readonly trailName: string;

  /** Lets the grantee read this trail's settings, status, selectors and tags; `DescribeTrails` on `*`. */
  public grantReadConfiguration(grantee: iam.IGrantable): iam.Grant {
    return grantAll(grantee, trailReadConfigurationStatements(this.trailArn));
  }

  /** Lets the grantee look up the account's management events (`LookupEvents` on `*`). */
  public grantLookupEvents(grantee: iam.IGrantable): iam.Grant {
    return grantAll(grantee, [trailLookupEventsStatement()]);
  }

  /** Lets the grantee start and stop logging of this trail. */
  public grantStartStopLogging(grantee: iam.IGrantable): iam.Grant {
    return grantAll(grantee, [trailStartStopLoggingStatement(this.trailArn)]);
  }

  /** Lets the grantee add, remove and list the tags of this trail. */
  public grantManageTags(grantee: iam.IGrantable): iam.Grant {
    return grantAll(grantee, [trailManageTagsStatement(this.trailArn)]);
  }

  /** Lets the grantee list the public keys that validate digest files (`ListPublicKeys` on `*`). */
  public grantListPublicKeys(grantee: iam.IGrantable): iam.Grant {
    return grantAll(grantee, [trailListPublicKeysStatement()]);
  }

  /** Lets the grantee read and decrypt this trail's log and digest files; throws when the bucket is not known. */
  public grantReadLogs(grantee: iam.IGrantable): iam.Grant {
    const { bucket, s3KeyPrefix, encryptionKey } = this.trailLogFiles();
    if (bucket === undefined) {
      throw new Error(`${this.node.path}: grantReadLogs needs the trail's log bucket, and this trail was imported without it. ` +
        'Import it with TrailBase.fromTrailAttributes(scope, id, { trailArn, bucket, encryptionKey }) ' +
        '(encryptionKey when the log files are encrypted with KMS).');
    }
    // Log files sit under the trail owner's account id, which is also the account in the KMS encryption context.
    const owner = this.env.account;
    const grant = grantAll(grantee, logFilesReadStatements(bucket.bucketArn, s3KeyPrefix, owner), bucket);
    if (encryptionKey === undefined) return grant;
    const partition = Token.isUnresolved(this.trailArn) ? this.stack.partition : this.trailArn.split(':')[1];
    const decrypt = logFilesDecryptStatement(encryptionKey.keyArn, [trailEncryptionContext(partition, owner)]);
    // In a key policy the key is '*'.
    return grant.combine(grantAll(grantee, [decrypt], encryptionKey, ['*']));
  }

  /** An EventBridge rule for API calls recorded by CloudTrail in this stack's Region. */
  public onCloudTrailEvent(id: string, options: OnCloudTrailEventOptions = {}): events.Rule {
    const rule = new events.Rule(this, id, {
      ruleName: options.ruleName,
      description: options.description,
      eventPattern: apiCallPattern(childPath(this, id), options.services, options.eventNames),
    });
    if (options.eventPattern) rule.addEventPattern(options.eventPattern);
    if (options.target) rule.addTarget(options.target);
    return rule;
  }

  /**
   * The trail's log files, for `grantReadLogs`, `TrailTamperAlert` and `CisAlarms`.
   *
   * @internal
   */
  public _logFiles(): TrailLogFiles {
    return this.trailLogFiles();
  }

  /**
   * Where this trail delivers its log files, as far as this app knows: a subclass returns what it made or was given.
   */
  protected abstract trailLogFiles(): TrailLogFiles;
}

/** Resource props of an imported trail. */
interface ImportedTrailProps extends ResourceProps {
  readonly trailArn: string;
  readonly trailName: string;
  readonly logFiles: TrailLogFiles;
}

/** A trail outside this app. */
class ImportedTrail extends TrailBase {
  public readonly trailArn: string;
  public readonly trailName: string;
  private readonly logFiles: TrailLogFiles;

  constructor(scope: Construct, id: string, props: ImportedTrailProps) {
    super(scope, id, { environmentFromArn: props.environmentFromArn });
    this.trailArn = props.trailArn;
    this.trailName = props.trailName;
    this.logFiles = props.logFiles;
  }

  protected trailLogFiles(): TrailLogFiles {
    return this.logFiles;
  }
}


/** The path a construct will have, for messages thrown before it exists. */
function childPath(scope: Construct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

const TRAIL_ARN_FORM = 'arn:<partition>:cloudtrail:<region>:<account>:trail/<name>';

/** The trail name of a trail ARN; a literal ARN is checked first, an ARN known only at deploy time is not. */
function trailNameOfArn(path: string, trailArn: string): string {
  if (Token.isUnresolved(trailArn)) {
    return Arn.split(trailArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
  }
  const [arn, partition, service, region, account, resource, ...rest] = trailArn.split(':');
  const name = resource?.startsWith('trail/') ? resource.slice('trail/'.length) : '';
  const problem = arn !== 'arn' || resource === undefined || rest.length > 0 ? 'does not have the six \':\'-separated parts of an ARN'
    : !PARTITION.test(partition) ? `has partition '${partition}', not one such as 'aws' or 'aws-cn'`
      : service !== 'cloudtrail' ? `is an ARN of service '${service}', not 'cloudtrail'`
        : !REGION.test(region) ? `has Region '${region}', not one such as 'us-east-1'`
          : !ACCOUNT.test(account) ? `has account '${account}', not a 12-digit account id`
            : !resource.startsWith('trail/') ? `has resource '${resource}', not 'trail/<name>'`
              : nameProblems(name).map((p) => `has trail name '${name}', which ${p}`).join('; ') || undefined;
  if (problem !== undefined) {
    throw new Error(`${path}: trailArn '${trailArn}' ${problem}. Expected ${TRAIL_ARN_FORM}, ` +
      'e.g. \'arn:aws:cloudtrail:us-east-1:111122223333:trail/my-trail\'.');
  }
  return name;
}

/** Fails on a literal name CloudTrail would reject, with every reason. */
function checkTrailName(path: string, name: string): void {
  if (Token.isUnresolved(name)) return;
  if (name.startsWith('arn:')) {
    throw new Error(`${path}: trailName '${name}' is an ARN, not a name. Import it with fromTrailArn instead.`);
  }
  const problems = nameProblems(name);
  if (problems.length > 0) {
    throw new Error(`${path}: trailName '${name}' is not a valid trail name: it ${problems.join('; it ')}. ${NAME_FORM}`);
  }
}

const NAME_FORM = 'A trail name is 3 to 128 ASCII letters, digits, \'.\', \'_\' and \'-\', starts and ends with a letter or digit, ' +
  'has no two of \'.\', \'_\', \'-\' in a row and is not an IP address.';

/** Why CloudTrail would reject a name: the trail-name rules of src/validation, run on the name alone. */
function nameProblems(name: string): string[] {
  return TRAIL_RULES
    .filter((rule) => rule.cfnProperty === 'TrailName' && rule.id !== 'TRAIL_NAME_NOT_ARN')
    .flatMap((rule) => rule.check({ TrailName: name }, {}))
    .map((finding) => finding.problem);
}
