// The Lambda runtime provides the AWS SDK v3 and the bundles leave it out, so the clients are devDependencies only.
import { CloudTrailClient, ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
import {
  AttributeValue,
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { handleBatch, SqsBatchResponse, SqsEvent } from './handler/batch';
import { VerifyConfig, verifyConfig } from './handler/env';
import { PublicKeyCache } from './handler/public-keys';
import { asffFinding, batches, findingEvent } from './handler/report';
import { ChainState, Finding, FindingSink, ObjectStore, PublicKey, PublicKeySource, StateStore } from './handler/types';

/** The part of the Lambda context the handlers read: the function ARN gives partition and account for ASFF. */
export interface LambdaContext {
  readonly invokedFunctionArn: string;
}

// Module scope: clients and the public key cache outlive invocations, so a warm environment calls ListPublicKeys once
// per key and Region.
const s3 = new S3Client({});
const dynamodb = new DynamoDBClient({});
const cloudtrailClients = new Map<string, CloudTrailClient>();
const keys = new PublicKeyCache(publicKeySource());

/** GetObject and ListObjectsV2; only NoSuchKey means missing, every other error propagates (the record is retried). */
export function objectStore(client: S3Client): ObjectStore {
  const open = async (bucket: string, key: string) => {
    try {
      return await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  };
  return {
    async get({ bucket, key }) {
      const out = await open(bucket, key);
      return out && { body: Buffer.from(await out.Body!.transformToByteArray()), metadata: out.Metadata ?? {} };
    },
    async stream({ bucket, key }) {
      // In Node.js the body is a Readable, which is an async iterable of Buffers.
      return (await open(bucket, key))?.Body as AsyncIterable<Uint8Array> | undefined;
    },
    async list(bucket, prefix, startAfter, limit) {
      const out = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, StartAfter: startAfter, MaxKeys: limit }),
      );
      return (out.Contents ?? []).map((o) => o.Key ?? '');
    },
  };
}

export function cloudtrailIn(region: string): CloudTrailClient {
  if (!cloudtrailClients.has(region)) cloudtrailClients.set(region, new CloudTrailClient({ region }));
  return cloudtrailClients.get(region)!;
}

/** ListPublicKeys in the digest's Region, every page. */
function publicKeySource(): PublicKeySource {
  return {
    async list(region, start, end) {
      const found: PublicKey[] = [];
      let token: string | undefined;
      do {
        const out = await cloudtrailIn(region).send(
          new ListPublicKeysCommand({ StartTime: start, EndTime: end, NextToken: token }),
        );
        for (const k of out.PublicKeyList ?? []) {
          if (!k.Fingerprint || !k.Value || !k.ValidityStartTime || !k.ValidityEndTime) continue;
          found.push({
            fingerprint: k.Fingerprint,
            value: derBase64(k.Value),
            validFrom: k.ValidityStartTime,
            validTo: k.ValidityEndTime,
          });
        }
        token = out.NextToken;
      } while (token);
      return found;
    },
  };
}

/**
 * The key as base64 DER. The blob the SDK decodes is itself base64 text (awscli base64-decodes botocore's bytes once
 * more); raw DER (a SEQUENCE, 0x30) is accepted too, in case the service ever sends it so.
 */
export function derBase64(value: Uint8Array): string {
  const bytes = Buffer.from(value);
  return bytes[0] === 0x30 ? bytes.toString('base64') : bytes.toString('ascii').trim();
}

/** The chain state table: partition key `chain` (S); a put only moves a chain forward in time. */
export function stateStore(client: DynamoDBClient, table: string): StateStore {
  return {
    async get(chain) {
      const out = await client.send(
        new GetItemCommand({ TableName: table, Key: { chain: { S: chain } }, ConsistentRead: true }),
      );
      return out.Item && fromItem(out.Item);
    },
    async advance(state) {
      try {
        await client.send(
          new PutItemCommand({
            TableName: table,
            Item: toItem(state),
            ConditionExpression: 'attribute_not_exists(#chain) OR #end < :end',
            ExpressionAttributeNames: { '#chain': 'chain', '#end': 'lastEndEpoch' },
            ExpressionAttributeValues: { ':end': { N: String(Date.parse(state.lastEndTime)) } },
          }),
        );
        return true;
      } catch (error) {
        // An older digest arriving late: the chain already stands further on.
        if (
          error instanceof ConditionalCheckFailedException ||
          (error as { name?: string }).name === 'ConditionalCheckFailedException'
        ) {
          return false;
        }
        throw error;
      }
    },
    async scan(cursor) {
      const start = cursor ? { chain: { S: cursor } } : undefined;
      const out = await client.send(new ScanCommand({ TableName: table, Limit: 100, ExclusiveStartKey: start }));
      return { items: (out.Items ?? []).map(fromItem), cursor: out.LastEvaluatedKey?.chain?.S };
    },
  };
}

const STRINGS = [
  'chain',
  'account',
  'region',
  'homeRegion',
  'trailName',
  'bucket',
  'lastDigestKey',
  'lastStartTime',
  'lastEndTime',
  'lastSignature',
  'verifiedAt',
] as const;

function toItem(state: ChainState): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {
    backfill: { BOOL: state.backfill },
    lastEndEpoch: { N: String(Date.parse(state.lastEndTime)) },
  };
  for (const name of STRINGS) item[name] = { S: state[name] };
  if (state.organizationId) item.organizationId = { S: state.organizationId };
  return item;
}

function fromItem(item: Record<string, AttributeValue>): ChainState {
  const strings = Object.fromEntries(STRINGS.map((name) => [name, item[name]?.S ?? ''])) as Record<
    (typeof STRINGS)[number],
    string
  >;
  return { ...strings, organizationId: item.organizationId?.S, backfill: item.backfill?.BOOL ?? false };
}

/** PutEvents to the bus, and BatchImportFindings when Security Hub is on; a partial failure throws (retry). */
export function findingSink(config: VerifyConfig, functionArn: string | undefined): FindingSink {
  const events = new EventBridgeClient({});
  const securityHub = new SecurityHubClient({});
  const [, partition = 'aws', , region = process.env.AWS_REGION ?? '', account = ''] = (functionArn ?? '').split(':');
  return {
    async publish(findings: readonly Finding[]) {
      for (const batch of batches(findings, 10)) {
        const out = await events.send(
          new PutEventsCommand({ Entries: batch.map((f) => findingEvent(f, config.eventBusName)) }),
        );
        if (out.FailedEntryCount) throw new Error(`PutEvents failed for ${out.FailedEntryCount} finding(s)`);
      }
      if (!config.securityHub || findings.length === 0) return;
      const ctx = { partition, region, account, now: new Date() };
      for (const batch of batches(findings, 100)) {
        const out = await securityHub.send(
          new BatchImportFindingsCommand({ Findings: batch.map((f) => asffFinding(f, ctx)) as never }),
        );
        if (out.FailedCount) throw new Error(`BatchImportFindings failed for ${out.FailedCount} finding(s)`);
      }
    },
  };
}

export async function handler(event: SqsEvent, context?: LambdaContext): Promise<SqsBatchResponse> {
  const config = verifyConfig(process.env);
  return handleBatch(event, config, {
    store: objectStore(s3),
    keys,
    state: stateStore(dynamodb, config.stateTable),
    sink: findingSink(config, context?.invokedFunctionArn),
    write: (line) => process.stdout.write(`${line}\n`),
    now: () => new Date(),
  });
}
