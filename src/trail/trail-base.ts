import { Resource, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ITrail, OnCloudTrailEventOptions } from '../interfaces/itrail';
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
import { childPath } from '../private/paths';
import { definedProps } from '../private/props';
import { checkProps } from '../validation/report';
import { EVENTS_API_CALL_FILTERS, EVENTS_RULE_NAME } from '../validation/rules/events';
import { GRANT_READ_LOGS_BUCKET } from '../validation/rules/imported-trail';

/**
 * What every trail of this library shares, whether it was made here or imported: grants and events.
 */
export abstract class TrailBase extends Resource implements ITrail {
  public abstract readonly trailArn: string;
  public abstract readonly trailName: string;
  public abstract readonly bucket?: s3.IBucket;
  public abstract readonly s3KeyPrefix?: string;
  public abstract readonly encryptionKey?: kms.IKey;
  public abstract readonly logGroup?: logs.ILogGroup;
  public abstract readonly isOrganizationTrail?: boolean;
  public abstract readonly organizationId?: string;
  public abstract readonly isMultiRegionTrail?: boolean;
  public abstract readonly logFileValidationEnabled?: boolean;

  /** Lets the grantee read this trail's settings, status, selectors and tags (and `DescribeTrails` on `*`). */
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

  /**
   * Lets the grantee read and decrypt this trail's log and digest files. An error at synth when the bucket is not
   * known.
   */
  public grantReadLogs(grantee: iam.IGrantable): iam.Grant {
    const bucket = this.bucket;
    // Reported with the app's other errors; nothing is granted.
    if (!checkProps(this, [GRANT_READ_LOGS_BUCKET], { bucketKnown: bucket !== undefined }) || bucket === undefined) {
      return iam.Grant.drop(grantee, 'read the log files of a trail imported without its bucket');
    }
    // Log files sit under the trail owner's account id, which is also the account in the KMS encryption context; an
    // organization trail writes its member accounts' files under the organization id too.
    const owner = this.env.account;
    const folders = this.organizationId ? [owner, this.organizationId] : [owner];
    const grant = grantAll(
      grantee,
      folders.flatMap((id) => logFilesReadStatements(bucket.bucketArn, this.s3KeyPrefix, id)),
      bucket,
    );
    const key = this.encryptionKey;
    if (key === undefined) return grant;
    const partition = Token.isUnresolved(this.trailArn) ? this.stack.partition : this.trailArn.split(':')[1];
    const decrypt = logFilesDecryptStatement(key.keyArn, [trailEncryptionContext(partition, owner)]);
    // In a key policy the key is '*'.
    return grant.combine(grantAll(grantee, [decrypt], key, ['*']));
  }

  /** An EventBridge rule for API calls recorded by CloudTrail in this stack's Region. */
  public onCloudTrailEvent(id: string, options: OnCloudTrailEventOptions = {}): events.Rule {
    options = definedProps(options);
    // Reported at synth with the app's other errors, at the rule's path; a rejected name or filter is left out.
    const where = { path: childPath(this, id) };
    const nameOk = checkProps(this, [EVENTS_RULE_NAME], { ruleName: options.ruleName }, where);
    checkProps(this, [EVENTS_API_CALL_FILTERS], { services: options.services, eventNames: options.eventNames }, where);
    const rule = new events.Rule(this, id, {
      ruleName: nameOk ? options.ruleName : undefined,
      description: options.description,
      eventPattern: apiCallPattern(options.services, options.eventNames),
    });
    if (options.eventPattern) rule.addEventPattern(options.eventPattern);
    if (options.target) rule.addTarget(options.target);
    return rule;
  }
}
