import { Duration, Names, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { checkRequired, checkUniqueName, placementOf } from './private/checks';
import { newResultsBucket, newResultsKey } from './private/results-bucket';
import { ITrailLogTable } from './trail-log-table';
import {
  athenaWorkGroupQueryStatement,
  bucketLocationStatement,
  queryResultsKeyStatement,
  queryResultsStatements,
} from '../policies/query-statements';
import { grantAll } from '../private/grants';
import { checkProps, checkTemplate, renderedProperties } from '../validation/report';
import {
  ATHENA_RESOURCE_RULES_BY_TYPE,
  QUERY_RESULTS_EXPIRATION,
  QUERY_SAME_ENVIRONMENT,
  QUERY_SIZE_IN_BYTES,
} from '../validation/rules/athena';

/**
 * Properties of a `TrailQueryWorkGroup`.
 */
export interface TrailQueryWorkGroupProps {
  /** The table the workgroup queries: `grantQuery` lets the grantee read it. */
  readonly table: ITrailLogTable;

  /**
   * The name of the workgroup: 1 to 128 letters, digits, `.`, `_` and `-`.
   *
   * @default - a unique name derived from the construct path
   */
  readonly workGroupName?: string;

  /**
   * A description of the workgroup.
   *
   * @default 'Queries of AWS CloudTrail log files'
   */
  readonly description?: string;

  /**
   * Cancel a query once it has scanned this much (Athena charges per byte scanned, and takes 10 MB at least).
   *
   * @default Size.gibibytes(100): about USD 0.50 a query at USD 5 per TB scanned
   */
  readonly bytesScannedCutoffPerQuery?: Size;

  /**
   * Delete query results this long after they are written (whole days).
   *
   * @default Duration.days(30)
   */
  readonly resultsExpiration?: Duration;

  /**
   * What happens to the results bucket, its access-log bucket and the results key when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Marks a TrailQueryWorkGroup of any copy of this library: `isTrailQueryWorkGroup` reads it. */
const TRAIL_QUERY_WORK_GROUP_SYMBOL = Symbol.for('cdk-cloudtrail-kit.TrailQueryWorkGroup');

/**
 * An Athena workgroup for a `TrailLogTable`, hardened: engine version 3, its configuration enforced on every query
 * (clients cannot send results elsewhere or unencrypted), results encrypted with SSE-KMS and a rotated customer
 * managed key in a bucket of their own (private, TLS only, access-logged, expiring), a cutoff of bytes scanned per
 * query, and CloudWatch metrics.
 */
export class TrailQueryWorkGroup extends Construct {
  /** The Athena engine version the workgroup runs. */
  public static readonly ENGINE_VERSION = 'Athena engine version 3';

  /**
   * Whether `x` is a `TrailQueryWorkGroup`, also one made by another copy of this library (an app and a library it uses
   * each depending on this one), where `instanceof` is false.
   */
  public static isTrailQueryWorkGroup(x: any): x is TrailQueryWorkGroup {
    return x !== null && typeof x === 'object' && TRAIL_QUERY_WORK_GROUP_SYMBOL in x;
  }

  /** The name of the workgroup. */
  public readonly workGroupName: string;
  /** The ARN of the workgroup. */
  public readonly workGroupArn: string;
  /** The table the workgroup queries. */
  public readonly table: ITrailLogTable;
  /** The bucket query results are written to. */
  public readonly resultsBucket: s3.IBucket;
  /** The key query results are encrypted with. */
  public readonly resultsKey: kms.IKey;
  /** The `AWS::Athena::WorkGroup`. */
  public readonly cfnWorkGroup: athena.CfnWorkGroup;

  constructor(scope: Construct, id: string, props: TrailQueryWorkGroupProps) {
    super(scope, id);
    Object.defineProperty(this, TRAIL_QUERY_WORK_GROUP_SYMBOL, { value: true });
    props = props ?? ({} as TrailQueryWorkGroupProps);
    const table = props.table ?? undefined;
    const stack = Stack.of(this);
    // Without a table the workgroup is still built (it names no table), so that the error is listed with every other.
    if (checkRequired(this, 'table', table, 'the TrailLogTable this workgroup queries')) {
      checkProps(this, [QUERY_SAME_ENVIRONMENT], { own: placementOf(this), given: { table: placementOf(table) } });
    }
    this.table = table;
    this.workGroupName =
      props.workGroupName ?? Names.uniqueResourceName(this, { maxLength: 128, allowedSpecialCharacters: '._-' });
    // A size CloudFormation cannot take in bytes is left out (Athena's default, no cutoff) once reported.
    const size = props.bytesScannedCutoffPerQuery ?? Size.gibibytes(100);
    const cutoff = checkProps(this, [QUERY_SIZE_IN_BYTES], { bytesScannedCutoffPerQuery: size })
      ? size.toBytes()
      : undefined;
    // An expiration S3 cannot take (aws-cdk-lib would throw on it first) is replaced by the default once reported.
    const given = props.resultsExpiration ?? undefined;
    const expiration =
      given !== undefined && checkProps(this, [QUERY_RESULTS_EXPIRATION], { resultsExpiration: given })
        ? given
        : Duration.days(30);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.resultsKey = newResultsKey(this, 'ResultsKey', this.workGroupName, removalPolicy);
    this.resultsBucket = newResultsBucket(this, 'Results', this.resultsKey, expiration, removalPolicy);
    this.workGroupArn = stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroupName });
    this.cfnWorkGroup = new athena.CfnWorkGroup(this, 'Resource', {
      name: this.workGroupName,
      description: props.description ?? 'Queries of AWS CloudTrail log files',
      state: 'ENABLED',
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        engineVersion: { selectedEngineVersion: TrailQueryWorkGroup.ENGINE_VERSION },
        publishCloudWatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        bytesScannedCutoffPerQuery: cutoff,
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/`,
          expectedBucketOwner: stack.account,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: this.resultsKey.keyArn },
        },
      },
    });
    // The name, description, cutoff and result location are checked as the template holds them (overrides included).
    checkTemplate(this.cfnWorkGroup, ATHENA_RESOURCE_RULES_BY_TYPE['AWS::Athena::WorkGroup'], { path: this.node.path });
    checkUniqueName(this, { name: 'workGroupName' }, (c) =>
      TrailQueryWorkGroup.isTrailQueryWorkGroup(c) ? finalName(c) : undefined,
    );
  }

  /**
   * Lets the grantee run queries in this workgroup and read its saved queries (Athena on this workgroup only), read
   * the table (`TrailLogTable.grantRead`: Glue on its catalog, database and table, its log files, decryption of them
   * with their CloudTrail encryption context), and write and read query results (the results bucket, and the results
   * key through S3 only).
   */
  public grantQuery(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    return (
      grantAll(grantee, [athenaWorkGroupQueryStatement(this.workGroupArn)])
        .combine(grantAll(grantee, queryResultsStatements(this.resultsBucket.bucketArn), this.resultsBucket))
        // In a key policy the key is '*'.
        .combine(
          grantAll(
            grantee,
            [queryResultsKeyStatement(this.resultsKey.keyArn, `s3.${stack.region}.${stack.urlSuffix}`)],
            this.resultsKey,
            ['*'],
          ),
        )
        .combine(grantAll(grantee, [bucketLocationStatement([this.table.bucket.bucketArn])], this.table.bucket))
        .combine(this.table.grantRead(grantee))
    );
  }
}

/**
 * The workgroup name as the template holds it (an escape-hatch override included), or undefined when not known at
 * synth.
 */
function finalName(workGroup: TrailQueryWorkGroup): string | undefined {
  const name = renderedProperties(workGroup.cfnWorkGroup)?.Name;
  return typeof name === 'string' ? name : undefined;
}
