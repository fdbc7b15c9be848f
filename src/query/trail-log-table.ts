import { Fn, Names, Stack, Token } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { checkUniqueName, QUERY_LOG_SOURCE, QUERY_ORGANIZATION_TRAIL } from './private/checks';
import { grantLogRead, LogSource } from './private/log-read-grant';
import { defaultRegions } from './private/regions';
import { CLOUDTRAIL_COLUMNS, hiveTypeName, INPUT_FORMAT, OUTPUT_FORMAT, SERDE_LIBRARY } from './private/schema';
import { ITrail } from '../interfaces/itrail';
import { accountsLogPath, dailyLogPath } from '../policies/log-layout';
import { glueTableReadStatements } from '../policies/query-statements';
import { grantAll } from '../private/grants';
import { checkBesideTrail } from '../validation/beside-trail';
import { checkProps, checkTemplate, renderedProperties } from '../validation/report';
import { QUERY_LOGS_SINCE, QUERY_PROJECTED_VALUES, QUERY_S3_KEY_PREFIX_LENGTH } from '../validation/rules/athena';
import { GLUE_DATABASE_NAME, GLUE_RULES_BY_TYPE } from '../validation/rules/glue';
import { ACCOUNT_ID, ORGANIZATION_ID, REGION_NAME } from '../validation/rules/identifiers';

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
   * Give it with `bucket`, or with a trail imported without its `organizationId`; with a trail that knows it, a
   * different value is an error at synth.
   *
   * @default - the trail's `organizationId`; with `bucket`, an account trail: `[prefix/]AWSLogs/<account>/`
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

/** Marks a TrailLogTable of any copy of this library: `isTrailLogTable` reads it. */
const TRAIL_LOG_TABLE_SYMBOL = Symbol.for('cdk-cloudtrail-kit.TrailLogTable');

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

  /**
   * Whether `x` is a `TrailLogTable`, also one made by another copy of this library (an app and a library it uses each
   * depending on this one), where `instanceof` is false.
   */
  public static isTrailLogTable(x: any): x is TrailLogTable {
    return x !== null && typeof x === 'object' && TRAIL_LOG_TABLE_SYMBOL in x;
  }

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
  /**
   * The projection's location template:
   * `s3://<bucket>/[prefix/]AWSLogs/[<o-id>/]${account}/CloudTrail/${region}/${timestamp}/`.
   */
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
    Object.defineProperty(this, TRAIL_LOG_TABLE_SYMBOL, { value: true });
    // A JavaScript caller may pass null: it means nothing given, and QUERY_LOG_SOURCE says what to give.
    props = props ?? {};
    const stack = Stack.of(this);
    const trail = props.trail ?? undefined;
    const { bucket, keyPrefix, key } = logFiles(this, trail, props);
    const organizationId = props.organizationId ?? trail?.organizationId ?? undefined;
    // An empty list is reported (QUERY_PROJECTED_VALUES) and left out, as not given: Fn.join would throw on it first.
    const nonEmpty = (list: string[] | undefined) =>
      list !== undefined && !Token.isUnresolved(list) && list.length === 0 ? undefined : list;
    const accounts = nonEmpty(props.accounts ?? undefined);
    const regions = nonEmpty(props.regions ?? undefined) ?? defaultRegions(stack);
    const since = props.logsSince ?? '2013/11/01';
    // Every problem of the props is reported at synth, with every other error of the app; none of these values makes
    // another library throw first, so each stays in what the table builds.
    checkProps(this, [ORGANIZATION_ID], { organizationId: props.organizationId ?? undefined });
    if (trail) {
      const trailPath = trail.node.path;
      checkBesideTrail(this, trail, { organizationId: props.organizationId });
      // What the trail does not say (an imported trail without isOrganizationTrail) is not checked.
      const isOrganizationTrail = trail.isOrganizationTrail ?? undefined;
      checkProps(this, [QUERY_ORGANIZATION_TRAIL], { trailPath, isOrganizationTrail, organizationId });
    }
    checkProps(this, [ACCOUNT_ID], { accounts });
    checkProps(this, [REGION_NAME], { regions: props.regions ?? undefined });
    checkProps(this, [QUERY_PROJECTED_VALUES], {
      accounts: props.accounts ?? undefined,
      regions: props.regions ?? undefined,
    });
    checkProps(this, [QUERY_LOGS_SINCE], { logsSince: since });
    if (!trail) checkProps(this, [QUERY_S3_KEY_PREFIX_LENGTH], { s3KeyPrefix: keyPrefix });
    this.databaseName =
      props.databaseName ??
      Names.uniqueResourceName(this, { maxLength: 255, separator: '_', allowedSpecialCharacters: '_' }).toLowerCase();
    this.tableName = props.tableName ?? 'cloudtrail_logs';

    this.bucket = bucket;
    this.s3KeyPrefix = keyPrefix;
    this.organizationId = organizationId;
    this.encryptionKey = key;
    // An account trail given as `trail` writes one account's folder; otherwise the accounts are not known here.
    const projected = accounts ?? (trail && !organizationId ? [trail.env.account] : undefined);
    this.accountRequiredInQueries = projected === undefined;
    this.source = { trail, bucket, keyPrefix, organizationId, accounts, key, partition: stack.partition };

    const a = TrailLogTable;
    this.locationTemplate =
      `s3://${bucket.bucketName}/` +
      dailyLogPath(
        keyPrefix,
        organizationId,
        `\${${a.ACCOUNT_COLUMN}}`,
        `\${${a.REGION_COLUMN}}`,
        `\${${a.DATE_COLUMN}}`,
      );
    this.catalogArn = stack.formatArn({ service: 'glue', resource: 'catalog' });
    this.databaseArn = stack.formatArn({ service: 'glue', resource: 'database', resourceName: this.databaseName });
    this.tableArn = stack.formatArn({
      service: 'glue',
      resource: 'table',
      resourceName: `${this.databaseName}/${this.tableName}`,
    });

    [this.cfnDatabase, this.cfnTable] = this.glueResources(projected, regions, since);
    // The names are checked as the template holds them, given, derived or overridden with addPropertyOverride.
    const path = this.node.path;
    checkTemplate(this.cfnDatabase, GLUE_RULES_BY_TYPE['AWS::Glue::Database'], { path });
    checkTemplate(
      this.cfnTable,
      GLUE_RULES_BY_TYPE['AWS::Glue::Table'].filter((rule) => rule !== GLUE_DATABASE_NAME),
      { path },
    );
    checkUniqueName(this, { name: 'databaseName' }, (c) =>
      TrailLogTable.isTrailLogTable(c) ? finalDatabaseName(c) : undefined,
    );
  }

  /** The Glue database and the table, with partition projection by account, Region and day. */
  private glueResources(
    projected: string[] | undefined,
    regions: string[],
    since: string,
  ): [glue.CfnDatabase, glue.CfnTable] {
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
          { name: a.ACCOUNT_COLUMN, type: 'string', comment: "The account id of the log file's folder" },
          { name: a.REGION_COLUMN, type: 'string', comment: "The Region of the log file's folder" },
          { name: a.DATE_COLUMN, type: 'string', comment: "The day of the log file's folder, yyyy/MM/dd (UTC)" },
        ],
        storageDescriptor: {
          columns: CLOUDTRAIL_COLUMNS.map((column) => ({ name: column.name, type: hiveTypeName(column.type) })),
          location: `s3://${this.bucket.bucketName}/${accountsLogPath(this.s3KeyPrefix, this.organizationId)}`,
          inputFormat: INPUT_FORMAT,
          outputFormat: OUTPUT_FORMAT,
          serdeInfo: { serializationLibrary: SERDE_LIBRARY },
        },
        parameters: {
          EXTERNAL: 'TRUE',
          'projection.enabled': 'true',
          ...(projected
            ? {
                [`projection.${a.ACCOUNT_COLUMN}.type`]: 'enum',
                [`projection.${a.ACCOUNT_COLUMN}.values`]: Fn.join(',', projected),
              }
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
    return grantAll(grantee, glueTableReadStatements(this.catalogArn, this.databaseArn, this.tableArn)).combine(
      grantLogRead(grantee, this.source),
    );
  }
}

/**
 * The database name as the template holds it (an escape-hatch override included), or undefined when not known at synth.
 */
function finalDatabaseName(table: TrailLogTable): string | undefined {
  const name = (renderedProperties(table.cfnDatabase)?.DatabaseInput as { Name?: unknown } | undefined)?.Name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The bucket, prefix and key: the trail's, or the ones given, never both (QUERY_LOG_SOURCE). When the bucket is not
 * known (neither given, or a trail imported without it) the error is reported at synth and the table is built over an
 * imported placeholder bucket, which makes no resource, so that nothing throws before the error is listed.
 */
function logFiles(
  scope: Construct,
  trail: ITrail | undefined,
  props: TrailLogTableProps,
): { bucket: s3.IBucket; keyPrefix?: string; key?: kms.IKey } {
  const placeholder = () => s3.Bucket.fromBucketName(scope, 'UnknownBucket', 'unknown-log-bucket');
  const ok = checkProps(scope, [QUERY_LOG_SOURCE], {
    props: props as Record<string, unknown>,
    trailPath: trail?.node.path,
    trailHasBucket: trail ? trail.bucket !== undefined : undefined,
  });
  if (trail) {
    return {
      bucket: trail.bucket ?? placeholder(),
      keyPrefix: trail.s3KeyPrefix ?? undefined,
      key: trail.encryptionKey ?? undefined,
    };
  }
  const bucket = props.bucket ?? undefined;
  if (!ok || bucket === undefined) return { bucket: placeholder() };
  return {
    bucket,
    keyPrefix: props.s3KeyPrefix ?? undefined,
    key: props.encryptionKey ?? bucket.encryptionKey ?? undefined,
  };
}
