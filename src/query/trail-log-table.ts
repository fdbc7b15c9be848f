import { Fn, Names, Stack, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { checkDay, checkGlueName, checkKeyPrefix, checkList, checkOrganizationId } from './private/checks';
import { grantLogRead, LogSource } from './private/log-read-grant';
import { checkUniqueName } from './private/name-collisions';
import { defaultRegions } from './private/regions';
import { CLOUDTRAIL_COLUMNS, hiveTypeName, INPUT_FORMAT, OUTPUT_FORMAT, SERDE_LIBRARY } from './private/schema';
import { ITrail } from '../interfaces/itrail';
import { accountsLogPath, dailyLogPath } from '../policies/log-layout';
import { glueTableReadStatements } from '../policies/query-statements';
import { grantAll } from '../private/grants';

/**
 * Properties of a `TrailLogTable`. Give `trail`, or `bucket` (with `s3KeyPrefix` and `organizationId` as the trail
 * writes there).
 */
export interface TrailLogTableProps {
  /**
   * The trail whose log files the table reads: a `SecureTrail`, or a trail imported with
   * `SecureTrail.fromTrailAttributes` and its `bucket` (and `encryptionKey`). Its bucket, key prefix and key are read
   * from it.
   *
   * @default - `bucket` must be given
   */
  readonly trail?: ITrail;

  /**
   * The bucket the log files are in, when the trail is not part of this app: for example a `TrailBucket` in the
   * log-archive account that an organization trail of the management account writes to.
   *
   * @default - the trail's bucket
   */
  readonly bucket?: s3.IBucket;

  /**
   * The S3 key prefix the trail writes under, with `bucket`.
   *
   * @default - the trail's prefix; with `bucket`, no prefix
   */
  readonly s3KeyPrefix?: string;

  /**
   * The KMS key the log files are encrypted with, with `bucket`: `grantRead` grants decryption with it.
   *
   * @default - the trail's key; with `bucket`, the bucket's default encryption key, if known
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The organization of an organization trail: its log files are under `[prefix/]AWSLogs/<organization id>/<account>/`.
   *
   * @default - an account trail: `[prefix/]AWSLogs/<account>/`
   */
  readonly organizationId?: string;

  /**
   * The accounts whose log files the table projects (its `account` partition, an `enum`).
   *
   * @default - for an account trail given as `trail`, the trail's account; otherwise (an organization trail, or a
   * bucket of several accounts) any account, which each query then names (`WHERE account = '111122223333'`; the
   * partition is `injected`)
   */
  readonly accounts?: string[];

  /**
   * The Regions whose log files the table projects (its `region` partition, an `enum`).
   *
   * @default - every Region of the stack's partition that aws-cdk-lib knows, and the stack's Region (every Region it
   * knows when the stack's Region is not known at synth, or is one it does not know)
   */
  readonly regions?: string[];

  /**
   * The first day the table projects, as `yyyy/MM/dd`. The last is always today (`NOW`).
   *
   * @default '2013/11/01' (CloudTrail's first month: no log file is older)
   */
  readonly logsSince?: string;

  /**
   * The name of the Glue database made for the table: 1 to 255 lowercase letters, digits and `_`.
   *
   * @default - a unique name derived from the construct path
   */
  readonly databaseName?: string;

  /**
   * The name of the table: 1 to 255 lowercase letters, digits and `_`.
   *
   * @default 'cloudtrail_logs'
   */
  readonly tableName?: string;
}

/**
 * A Glue table of CloudTrail log files, as `TrailQueryWorkGroup` and `TrailInvestigations` use it.
 */
export interface ITrailLogTable extends IConstruct {
  /** The name of the Glue database. */
  readonly databaseName: string;
  /** The name of the table. */
  readonly tableName: string;
  /** The bucket the log files are in. */
  readonly bucket: s3.IBucket;
  /** Whether each query must name the account (`WHERE account = '...'`): the account partition is `injected`. */
  readonly accountRequiredInQueries: boolean;

  /** Lets the grantee read the table's definition and its log files, and decrypt them. */
  grantRead(grantee: iam.IGrantable): iam.Grant;
}

/**
 * A Glue database and table over a trail's log files, for Athena, with partition projection by account, Region
 * and day, as the Athena User Guide documents it ("Create the table for CloudTrail logs in Athena using partition
 * projection"): no crawler and no partition to add. A query reads only the days, accounts and Regions it names.
 *
 * The columns are the guide's, and the projection's location template is built from the same key layout as the
 * bucket policy that lets CloudTrail write.
 */
export class TrailLogTable extends Construct implements ITrailLogTable {
  /** The partition column of the account id. */
  public static readonly ACCOUNT_COLUMN = 'account';
  /** The partition column of the Region. */
  public static readonly REGION_COLUMN = 'region';
  /** The partition column of the day, `yyyy/MM/dd`. A reserved word in SQL, so write it `"timestamp"`. */
  public static readonly DATE_COLUMN = 'timestamp';

  /** The name of the Glue database. */
  public readonly databaseName: string;
  /** The name of the table. */
  public readonly tableName: string;
  /** The bucket the log files are in. */
  public readonly bucket: s3.IBucket;
  /** The S3 key prefix the trail writes under, if any. */
  public readonly s3KeyPrefix?: string;
  /** The organization of an organization trail. */
  public readonly organizationId?: string;
  /** The key the log files are encrypted with, when known. */
  public readonly encryptionKey?: kms.IKey;
  /** Whether each query must name the account (`WHERE account = '...'`): the account partition is `injected`. */
  public readonly accountRequiredInQueries: boolean;
  /** The projection's location template: `s3://<bucket>/[prefix/]AWSLogs/[<o-id>/]${account}/CloudTrail/${region}/${timestamp}/`. */
  public readonly locationTemplate: string;
  /** The ARN of the Glue Data Catalog of this account and Region. */
  public readonly catalogArn: string;
  /** The ARN of the Glue database. */
  public readonly databaseArn: string;
  /** The ARN of the table. */
  public readonly tableArn: string;
  /** The `AWS::Glue::Database`. */
  public readonly cfnDatabase: glue.CfnDatabase;
  /** The `AWS::Glue::Table`. */
  public readonly cfnTable: glue.CfnTable;

  private readonly source: LogSource;

  constructor(scope: Construct, id: string, props: TrailLogTableProps) {
    super(scope, id);
    // A JavaScript caller may pass null: it means nothing given, and the check below says what to give.
    props = props ?? {};
    const path = this.node.path;
    const stack = Stack.of(this);
    const trail = props.trail ?? undefined;
    const { bucket, keyPrefix, key } = logFiles(path, trail, props);
    const organizationId = props.organizationId ?? undefined;
    checkOrganizationId(path, organizationId);
    if (trail) checkOrganizationTrail(path, trail, organizationId);
    const accounts = props.accounts ?? undefined;
    checkList(path, 'accounts', accounts, 'account');
    const regions = props.regions ?? defaultRegions(stack);
    checkList(path, 'regions', regions, 'region');
    const since = props.logsSince ?? '2013/11/01';
    checkDay(path, 'logsSince', since);
    this.databaseName = props.databaseName ?? Names.uniqueResourceName(this, { maxLength: 255, separator: '_', allowedSpecialCharacters: '_' }).toLowerCase();
    this.tableName = props.tableName ?? 'cloudtrail_logs';
    checkGlueName(path, 'databaseName', this.databaseName);
    checkGlueName(path, 'tableName', this.tableName);
    checkUniqueName(this, 'databaseName', () => this.databaseName, (c) => (c instanceof TrailLogTable ? c.databaseName : undefined));

    this.bucket = bucket;
    this.s3KeyPrefix = keyPrefix;
    this.organizationId = organizationId;
    this.encryptionKey = key;
    // An account trail given as `trail` writes one account's folder; otherwise the accounts are not known here.
    const projected = accounts ?? (trail && !organizationId ? [trail.env.account] : undefined);
    this.accountRequiredInQueries = projected === undefined;
    this.source = { trail, bucket, keyPrefix, organizationId, accounts, key, partition: stack.partition };

    const a = TrailLogTable;
    this.locationTemplate = `s3://${bucket.bucketName}/` +
      dailyLogPath(keyPrefix, organizationId, `\${${a.ACCOUNT_COLUMN}}`, `\${${a.REGION_COLUMN}}`, `\${${a.DATE_COLUMN}}`);
    this.catalogArn = stack.formatArn({ service: 'glue', resource: 'catalog' });
    this.databaseArn = stack.formatArn({ service: 'glue', resource: 'database', resourceName: this.databaseName });
    this.tableArn = stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${this.databaseName}/${this.tableName}` });

    [this.cfnDatabase, this.cfnTable] = this.glueResources(projected, regions, since);
  }

  /** The Glue database and the table, with partition projection by account, Region and day. */
  private glueResources(projected: string[] | undefined, regions: string[], since: string): [glue.CfnDatabase, glue.CfnTable] {
    const stack = Stack.of(this);
    const a = TrailLogTable;
    // aws-cdk-lib has no stable Glue L2 (only the experimental @aws-cdk/aws-glue-alpha): the L1s it is.
    const database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: this.databaseName, description: 'AWS CloudTrail log files, for Amazon Athena' },
    });
    const table = new glue.CfnTable(this, 'Resource', {
      catalogId: stack.account,
      databaseName: this.databaseName,
      tableInput: {
        name: this.tableName,
        description: `CloudTrail log files under ${this.locationTemplate}`,
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [
          { name: a.ACCOUNT_COLUMN, type: 'string', comment: 'The account id of the log file\'s folder' },
          { name: a.REGION_COLUMN, type: 'string', comment: 'The Region of the log file\'s folder' },
          { name: a.DATE_COLUMN, type: 'string', comment: 'The day of the log file\'s folder, yyyy/MM/dd (UTC)' },
        ],
        storageDescriptor: {
          columns: CLOUDTRAIL_COLUMNS.map((column) => ({ name: column.name, type: hiveTypeName(column.type) })),
          location: `s3://${this.bucket.bucketName}/${accountsLogPath(this.s3KeyPrefix, this.organizationId)}`,
          inputFormat: INPUT_FORMAT,
          outputFormat: OUTPUT_FORMAT,
          serdeInfo: { serializationLibrary: SERDE_LIBRARY },
        },
        parameters: {
          'EXTERNAL': 'TRUE',
          'projection.enabled': 'true',
          ...(projected
            ? { [`projection.${a.ACCOUNT_COLUMN}.type`]: 'enum', [`projection.${a.ACCOUNT_COLUMN}.values`]: Fn.join(',', projected) }
            : { [`projection.${a.ACCOUNT_COLUMN}.type`]: 'injected' }),
          [`projection.${a.REGION_COLUMN}.type`]: 'enum',
          [`projection.${a.REGION_COLUMN}.values`]: Fn.join(',', regions),
          [`projection.${a.DATE_COLUMN}.type`]: 'date',
          [`projection.${a.DATE_COLUMN}.format`]: 'yyyy/MM/dd',
          [`projection.${a.DATE_COLUMN}.interval`]: '1',
          [`projection.${a.DATE_COLUMN}.interval.unit`]: 'DAYS',
          [`projection.${a.DATE_COLUMN}.range`]: `${since},NOW`,
          'storage.location.template': this.locationTemplate,
        },
      },
    });
    table.node.addDependency(database);
    return [database, table];
  }

  /**
   * Lets the grantee read this table's definition (Glue, on this catalog, database and table only), its log files
   * (`s3:GetObject` under the folders it projects and `s3:ListBucket` of them only) and decrypt them with the trail's
   * key, only for data a CloudTrail trail encrypted. Running queries also needs `TrailQueryWorkGroup.grantQuery`.
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return grantAll(grantee, glueTableReadStatements(this.catalogArn, this.databaseArn, this.tableArn))
      .combine(grantLogRead(grantee, this.source));
  }
}

/** The bucket, prefix and key: the trail's, or the ones given, never both. */
function logFiles(path: string, trail: ITrail | undefined, props: TrailLogTableProps): { bucket: s3.IBucket; keyPrefix?: string; key?: kms.IKey } {
  const bucket = props.bucket ?? undefined;
  if (trail) {
    const given = (['bucket', 's3KeyPrefix', 'encryptionKey'] as const).filter((p) => props[p] !== undefined && props[p] !== null);
    if (given.length > 0) {
      throw new Error(`${path}: ${given.join(', ')} cannot be given with 'trail': they are read from the trail. Give 'trail' ` +
        'alone, or leave it out and give bucket, s3KeyPrefix and encryptionKey.');
    }
    if (trail.bucket === undefined) {
      throw new Error(`${path}: the trail ${trail.node.path} was imported without its bucket, so the table does not know where ` +
        'its log files are. Import it with SecureTrail.fromTrailAttributes(scope, id, { trailArn, bucket, s3KeyPrefix, ' +
        'encryptionKey }), or give bucket (and s3KeyPrefix) instead of trail.');
    }
    return { bucket: trail.bucket, keyPrefix: trail.s3KeyPrefix ?? undefined, key: trail.encryptionKey ?? undefined };
  }
  if (bucket === undefined) {
    throw new Error(`${path}: give 'trail' (a SecureTrail, or a trail imported with its bucket) or 'bucket' (with s3KeyPrefix ` +
      'and organizationId as the trail writes there): the table needs to know where the log files are.');
  }
  const keyPrefix = props.s3KeyPrefix ?? undefined;
  checkKeyPrefix(path, keyPrefix);
  return { bucket, keyPrefix, key: props.encryptionKey ?? bucket.encryptionKey ?? undefined };
}

/** An organization trail writes under its organization id: the table must know it, and only then. */
function checkOrganizationTrail(path: string, trail: ITrail, organizationId: string | undefined): void {
  const cfn = trail.node.defaultChild;
  if (!(cfn instanceof cloudtrail.CfnTrail)) return;
  const isOrganization = Stack.of(cfn).resolve(cfn.isOrganizationTrail);
  if (isOrganization === true && !organizationId) {
    throw new Error(`${path}: ${trail.node.path} is an organization trail, which writes under [prefix/]AWSLogs/<organization ` +
      'id>/<account>/. Give its organizationId.');
  }
  if (organizationId && !Token.isUnresolved(organizationId) && isOrganization !== true && !Token.isUnresolved(isOrganization)) {
    throw new Error(`${path}: organizationId '${organizationId}' is given, but ${trail.node.path} is not an organization trail: ` +
      'it writes under [prefix/]AWSLogs/<account>/. Remove organizationId.');
  }
}
