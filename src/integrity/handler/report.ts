import * as crypto from 'crypto';
import { Finding, LineWriter } from './types';

export const EVENT_SOURCE = 'cdk-cloudtrail-kit.integrity';
export const EVENT_DETAIL_TYPE = 'CloudTrail Log Integrity Failure';

/**
 * One Embedded Metric Format line: CloudWatch Logs turns it into the metrics, with the one dimension `Bucket`. Every
 * metric is written even when 0, so the alarms on them always have data.
 */
export function writeMetrics(
  write: LineWriter,
  namespace: string,
  bucket: string,
  values: Readonly<Record<string, number>>,
  now: Date,
): void {
  const names = Object.keys(values);
  write(
    JSON.stringify({
      _aws: {
        Timestamp: now.getTime(),
        CloudWatchMetrics: [
          {
            Namespace: namespace,
            Dimensions: [['Bucket']],
            Metrics: names.map((name) => ({ Name: name, Unit: 'Count' })),
          },
        ],
      },
      Bucket: bucket,
      ...values,
    }),
  );
}

/** The PutEvents entry of a finding. */
export function findingEvent(
  finding: Finding,
  eventBusName: string,
): { Source: string; DetailType: string; Detail: string; EventBusName: string } {
  return {
    Source: EVENT_SOURCE,
    DetailType: EVENT_DETAIL_TYPE,
    Detail: JSON.stringify(finding),
    EventBusName: eventBusName,
  };
}

export interface AsffContext {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly now: Date;
}

/**
 * The finding in the AWS Security Finding Format, imported through the account's default product. Its Id is stable
 * (code, chain, digest and file), so a finding found again updates the same Security Hub finding.
 */
export function asffFinding(finding: Finding, ctx: AsffContext): Record<string, unknown> {
  const id = crypto
    .createHash('sha256')
    .update([finding.code, finding.chain, finding.digest.key, finding.file.bucket, finding.file.key].join('\n'))
    .digest('hex');
  const missing =
    finding.code === 'DIGEST_MISSING' || finding.code === 'LOG_FILE_MISSING' || finding.code === 'CHAIN_OVERDUE';
  return {
    SchemaVersion: '2018-10-08',
    Id: `cdk-cloudtrail-kit/integrity/${finding.code}/${id}`,
    ProductArn: `arn:${ctx.partition}:securityhub:${ctx.region}:${ctx.account}:product/${ctx.account}/default`,
    GeneratorId: `cdk-cloudtrail-kit-integrity-${finding.code}`,
    AwsAccountId: ctx.account,
    Types: [missing ? 'Effects/Data Destruction' : 'Unusual Behaviors/Data'],
    CreatedAt: ctx.now.toISOString(),
    UpdatedAt: ctx.now.toISOString(),
    Severity: { Label: 'HIGH' },
    Title: `CloudTrail log integrity: ${finding.code}`.slice(0, 256),
    Description:
      `${finding.message} (chain ${finding.chain}, digest s3://${finding.digest.bucket}/${finding.digest.key})`.slice(
        0,
        1024,
      ),
    Resources: [
      {
        Type: 'AwsS3Object',
        Id: `arn:${ctx.partition}:s3:::${finding.file.bucket}/${finding.file.key}`,
        Partition: ctx.partition,
        Region: ctx.region,
      },
    ],
    ProductFields: { 'cdk-cloudtrail-kit/code': finding.code, 'cdk-cloudtrail-kit/chain': finding.chain },
  };
}

/** `items` in groups of at most `size` (PutEvents takes 10 entries, BatchImportFindings 100). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
