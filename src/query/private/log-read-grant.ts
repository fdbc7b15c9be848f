import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { TrailKey } from '../../encryption/trail-key';
import { ITrail } from '../../interfaces/itrail';
import { logFilesDecryptStatement, logFilesReadStatements } from '../../policies/grant-statements';
import { trailEncryptionContext } from '../../policies/trail-statements';
import { grantAll } from '../../private/grants';
import { TrailBucket } from '../../storage/trail-bucket';

/** Where a table's log files are and who encrypted them. */
export interface LogSource {
  readonly trail?: ITrail;
  readonly bucket: s3.IBucket;
  readonly keyPrefix?: string;
  readonly organizationId?: string;
  /** The accounts the table projects, when listed. */
  readonly accounts?: string[];
  readonly key?: kms.IKey;
  readonly partition: string;
}

/** The accounts, when each is known to be one: a list known only at deploy time cannot be split into folders. */
function listed(accounts: string[] | undefined): string[] | undefined {
  return accounts === undefined || Token.isUnresolved(accounts) ? undefined : accounts;
}

/**
 * The folders under `[prefix/]AWSLogs/` whose log files the table reads: the organization's folder (or only the
 * listed accounts' folders in it), the listed accounts, the trail's account, or, for a bucket of unknown writers,
 * every folder (the table then takes the account from each query).
 */
export function ownerPaths(source: LogSource): string[] {
  const { organizationId, trail } = source;
  const accounts = listed(source.accounts);
  if (organizationId) return accounts ? accounts.map((account) => `${organizationId}/${account}`) : [organizationId];
  if (accounts) return accounts;
  if (trail) return [trail.env.account];
  return ['*'];
}

/**
 * The accounts whose trails encrypted the log files (`kms:EncryptionContext:aws:cloudtrail:arn` names a trail of
 * theirs): the trail's account (for an organization trail, the management account, which owns it), else the listed
 * accounts of account trails, else any account.
 */
function encryptingAccounts(source: LogSource): string[] {
  const accounts = listed(source.accounts);
  if (source.trail) return [source.trail.env.account];
  if (accounts && !source.organizationId) return accounts;
  return ['*'];
}

/**
 * Lets the grantee read and decrypt the table's log files, and nothing else of the bucket, with the grants this
 * library already has where they fit: `ITrail.grantReadLogs` for a trail's own account, `TrailBucket.grantReadLogs`
 * (and its `TrailKey`) for a bucket made by this library; otherwise the same statements.
 */
export function grantLogRead(grantee: iam.IGrantable, source: LogSource): iam.Grant {
  const { trail, bucket, keyPrefix, key } = source;
  const owners = ownerPaths(source);
  if (trail && owners.length === 1 && owners[0] === trail.env.account) return trail.grantReadLogs(grantee);
  let grant: iam.Grant;
  if (TrailBucket.isTrailBucket(bucket)) {
    grant = bucket.grantReadLogs(grantee, { s3KeyPrefix: keyPrefix, ownerIds: owners });
    if (TrailKey.isTrailKey(bucket.trailKey) && (key === undefined || key === bucket.trailKey)) return grant;
  } else {
    grant = grantAll(
      grantee,
      owners.flatMap((owner) => logFilesReadStatements(bucket.bucketArn, keyPrefix, owner)),
      bucket,
    );
  }
  if (key === undefined) return grant;
  const contexts = encryptingAccounts(source).map((account) => trailEncryptionContext(source.partition, account));
  // In a key policy the key is '*'.
  return grant.combine(grantAll(grantee, [logFilesDecryptStatement(key.keyArn, contexts)], key, ['*']));
}
