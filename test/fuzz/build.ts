import {
  App,
  ArnFormat,
  Aspects,
  AspectPriority,
  CfnOutput,
  CfnParameter,
  Duration,
  Fn,
  Lazy,
  RemovalPolicy,
  Size,
  Stack,
} from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AppSpec } from './arbitraries/app';
import { RefSpec } from './arbitraries/resources';
import { StandaloneSpec } from './arbitraries/standalone';
import { ObjectLockSpec, RemovalSpec, SelectorOp, TrailSpec } from './arbitraries/trail';
import { Opt, partitionOf, specOf, StrSpec } from './arbitraries/values';
import {
  AggregationTemplate,
  CisAlarms,
  CisControl,
  CloudWatchLogsDelivery,
  DataResourceType,
  EventCategory,
  FieldCondition,
  ITrail,
  ManagementEventSource,
  NetworkActivitySource,
  OrganizationTrailPrerequisites,
  SecureTrail,
  SecureTrailProps,
  SelectorField,
  TrailAccessLogsBucket,
  TrailBucket,
  TrailGuardrails,
  TrailInvestigations,
  TrailKey,
  TrailLogTable,
  TrailObjectLock,
  TrailDeliveryMonitor,
  TrailIntegrityVerifier,
  TrailQueryWorkGroup,
  TrailTamperAlert,
  TrailTopic,
  TrailValidator,
} from '../../src';
import { uncheckedTemplates } from '../oracles/templates';

/*
 * Turns a generated configuration (plain data) into an App, the way a user would write it. Values the spec leaves
 * out are left out; `null` is passed as null (as a jsii language sends it). Nothing is synthesized here.
 */

/** What building made, for the invariant checks after synthesis. */
export interface Built {
  readonly app: App;
  readonly main: Stack;
  /** The second stack, when the configuration put anything there. */
  readonly other?: Stack;
  readonly trail?: SecureTrail;
}

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

/** Null stays null (jsii), undefined stays undefined, a value is mapped. */
function map<T, U>(v: Opt<T>, f: (t: T) => U): U | null | undefined {
  return v === null ? null : v === undefined ? undefined : f(v);
}

let tokenCount = 0;
function str(scope: Construct, s: StrSpec): string {
  if (typeof s === 'string') return s;
  switch (s.token) {
    case 'lazy':
      return Lazy.string({ produce: () => s.sample });
    case 'importValue':
      return Fn.importValue(`FuzzExport${++tokenCount}`);
    case 'parameter': {
      // An output reads each parameter: a prop the library rightly leaves unused (and warns about, such as guardrails'
      // organizationId with no known storage) would otherwise leave it unreferenced (cfn-lint W2001).
      const stack = Stack.of(scope);
      const parameter = new CfnParameter(stack, `FuzzParam${++tokenCount}`, { default: s.sample });
      new CfnOutput(stack, `FuzzParamOut${tokenCount}`, { value: parameter.valueAsString });
      return parameter.valueAsString;
    }
    case 'join': {
      const half = Math.ceil(s.sample.length / 2);
      return Fn.join('', [s.sample.slice(0, half), Lazy.string({ produce: () => s.sample.slice(half) })]);
    }
  }
}

export function removalPolicyOf(r: RemovalSpec): RemovalPolicy {
  return {
    retain: RemovalPolicy.RETAIN,
    destroy: RemovalPolicy.DESTROY,
    snapshot: RemovalPolicy.SNAPSHOT,
    retainOnUpdateOrDelete: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
  }[r];
}

function objectLockOf(o: ObjectLockSpec): TrailObjectLock {
  if (o.unit === 'years') {
    return o.mode === 'governance'
      ? TrailObjectLock.governanceYears(o.amount)
      : TrailObjectLock.complianceYears(o.amount);
  }
  return o.mode === 'governance'
    ? TrailObjectLock.governance(Duration.days(o.amount))
    : TrailObjectLock.compliance(Duration.days(o.amount));
}

const STORAGE_CLASS = {
  GLACIER: s3.StorageClass.GLACIER,
  DEEP_ARCHIVE: s3.StorageClass.DEEP_ARCHIVE,
  STANDARD_IA: s3.StorageClass.INFREQUENT_ACCESS,
  GLACIER_IR: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
  INTELLIGENT_TIERING: s3.StorageClass.INTELLIGENT_TIERING,
};
const READ_WRITE = {
  ALL: cloudtrail.ReadWriteType.ALL,
  READ_ONLY: cloudtrail.ReadWriteType.READ_ONLY,
  WRITE_ONLY: cloudtrail.ReadWriteType.WRITE_ONLY,
  NONE: cloudtrail.ReadWriteType.NONE,
};

class Builder {
  public readonly app: App;
  public readonly main: Stack;
  private otherStack?: Stack;
  private count = 0;

  constructor(private readonly spec: AppSpec) {
    this.app = new App({
      context: uncheckedTemplates('the fuzz property runs both oracles over its own templates, in one batch'),
    });
    const env = spec.env.agnostic ? undefined : { account: spec.env.account, region: spec.env.region };
    this.main = new Stack(this.app, 'Main', { env });
  }

  public get other(): Stack | undefined {
    return this.otherStack;
  }

  /** The second stack, same environment as the first. */
  public otherStackOf(): Stack {
    if (!this.otherStack) {
      const env = this.spec.env.agnostic ? undefined : { account: this.spec.env.account, region: this.spec.env.region };
      this.otherStack = new Stack(this.app, 'Other', { env });
    }
    return this.otherStack;
  }

  /**
   * A resource of 'otherStack' goes to a third stack, Shared: the second one (Other) holds the monitors that watch
   * the trail, and a trail of Main using a role of Other watched from Other would be a cycle the app made itself.
   */
  private scopeOf(r: RefSpec, here: Construct): Construct {
    if (r.from !== 'otherStack') return here;
    const existing = this.app.node.tryFindChild('Shared') as Stack | undefined;
    const env = this.spec.env.agnostic ? undefined : { account: this.spec.env.account, region: this.spec.env.region };
    return existing ?? new Stack(this.app, 'Shared', { env });
  }

  private id(base: string): string {
    return `${base}${++this.count}`;
  }

  public bucket(r: RefSpec, here: Construct): s3.IBucket {
    if (r.from === 'arn') {
      return s3.Bucket.fromBucketAttributes(here, this.id('ImportedBucket'), {
        bucketArn: `arn:${partitionOf(r.region)}:s3:::archive-${r.account}-${r.region}`,
        account: r.account,
        region: r.region,
      });
    }
    return new TrailBucket(this.scopeOf(r, here), this.id('Bucket'));
  }

  public accessLogsBucket(r: RefSpec, here: Construct): s3.IBucket {
    if (r.from === 'arn') return this.bucket(r, here);
    return new TrailAccessLogsBucket(this.scopeOf(r, here), this.id('AccessLogs'));
  }

  public key(r: RefSpec, here: Construct): kms.IKey {
    if (r.from === 'arn') {
      return kms.Key.fromKeyArn(
        here,
        this.id('ImportedKey'),
        `arn:${partitionOf(r.region)}:kms:${r.region}:${r.account}:key/${KEY_ID}`,
      );
    }
    return new TrailKey(this.scopeOf(r, here), this.id('Key'));
  }

  public topic(r: RefSpec, here: Construct): sns.ITopic {
    if (r.from === 'arn') {
      return sns.Topic.fromTopicArn(
        here,
        this.id('ImportedTopic'),
        `arn:${partitionOf(r.region)}:sns:${r.region}:${r.account}:alerts`,
      );
    }
    const scope = this.scopeOf(r, here);
    return new TrailTopic(scope, this.id('Topic'), { masterKey: new TrailKey(scope, this.id('TopicKey')) });
  }

  public logGroup(r: RefSpec, here: Construct): logs.ILogGroup {
    if (r.from === 'arn') {
      return logs.LogGroup.fromLogGroupArn(
        here,
        this.id('ImportedLogGroup'),
        `arn:${partitionOf(r.region)}:logs:${r.region}:${r.account}:log-group:/aws/cloudtrail/imported:*`,
      );
    }
    return new logs.LogGroup(this.scopeOf(r, here), this.id('LogGroup'), { removalPolicy: RemovalPolicy.RETAIN });
  }

  public role(r: RefSpec, here: Construct): iam.IRole {
    if (r.from === 'arn') {
      return iam.Role.fromRoleArn(
        here,
        this.id('ImportedRole'),
        `arn:${partitionOf(r.region)}:iam::${r.account}:role/CloudTrailToLogs`,
      );
    }
    return new iam.Role(this.scopeOf(r, here), this.id('Role'), {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
    });
  }

  public trailProps(t: TrailSpec): SecureTrailProps {
    const m = this.main;
    const props = {
      trailName: map(t.trailName, (s) => str(m, s)),
      s3KeyPrefix: map(t.s3KeyPrefix, (s) => str(m, s)),
      isMultiRegionTrail: t.isMultiRegionTrail,
      includeGlobalServiceEvents: t.includeGlobalServiceEvents,
      enableLogFileValidation: t.enableLogFileValidation,
      isLogging: t.isLogging,
      organizationId: map(t.organizationId, (s) => str(m, specOf(s))),
      managementAccountId: map(t.managementAccountId, (s) => str(m, specOf(s))),
      bucket: map(t.bucket, (r) => this.bucket(r, m)),
      encryptionKey: map(t.encryptionKey, (r) => this.key(r, m)),
      accessLogsBucket: map(t.accessLogsBucket, (r) => this.accessLogsBucket(r, m)),
      accessLogsExpiration: map(t.accessLogsExpirationDays, (d) => Duration.days(d)),
      objectLockRetention: map(t.objectLockRetention, objectLockOf),
      logFileTransitions: map(t.logFileTransitions, (ts) =>
        ts.map((x) => ({
          storageClass: STORAGE_CLASS[x.storageClass],
          transitionAfter: Duration.days(x.days),
        })),
      ),
      logFileExpiration: map(t.logFileExpirationDays, (d) => Duration.days(d)),
      sendSnsNotifications: t.sendSnsNotifications,
      snsTopic: map(t.snsTopic, (r) => this.topic(r, m)),
      sendToCloudWatchLogs: t.sendToCloudWatchLogs,
      cloudWatchLogGroup: map(t.cloudWatchLogGroup, (r) => this.logGroup(r, m)),
      cloudWatchLogsRole: map(t.cloudWatchLogsRole, (r) => this.role(r, m)),
      cloudWatchLogsEncryptionKey: map(t.cloudWatchLogsEncryptionKey, (r) => this.key(r, m)),
      cloudWatchLogsRetention: t.cloudWatchLogsRetention as logs.RetentionDays | null | undefined,
      removalPolicy: map(t.removalPolicy, removalPolicyOf),
      allowLogBucketDataEvents: t.allowLogBucketDataEvents,
      tags: t.tags,
    };
    return props as unknown as SecureTrailProps; // nulls included on purpose: jsii callers send them
  }

  public select(trail: SecureTrail, op: SelectorOp, nulls: boolean): void {
    // With `nulls`, every option left out is sent as null, as a jsii language sends it.
    const none = (nulls ? null : undefined) as undefined;
    const rw = (v?: keyof typeof READ_WRITE) => (v === undefined ? none : { readWriteType: READ_WRITE[v] });
    switch (op.op) {
      case 'allS3':
        return trail.logAllS3DataEvents(rw(op.readWrite));
      case 'allLambda':
        return trail.logAllLambdaInvocations(rw(op.readWrite));
      case 'allDynamoDb':
        return trail.logAllDynamoDbDataEvents(rw(op.readWrite));
      case 's3Objects':
        return trail.logS3DataEvents(
          [
            {
              bucket: s3.Bucket.fromBucketName(trail, this.id('DataBucket'), op.bucketName),
              objectPrefix: op.objectPrefix ?? none,
            },
          ],
          none,
        );
      case 'advanced': {
        const shapes = {
          dataWithPrefix: {
            name: none,
            eventCategory: EventCategory.DATA,
            resourceType: DataResourceType.S3_OBJECT,
            conditions: [FieldCondition.startsWith(SelectorField.RESOURCES_ARN, ['arn:aws:s3:::app-data/'])],
          },
          eventNames: {
            eventCategory: EventCategory.DATA,
            resourceType: DataResourceType.S3_OBJECT,
            conditions: [FieldCondition.equalTo(SelectorField.EVENT_NAME, ['PutObject', 'DeleteObject'])],
          },
          dataNoType: { eventCategory: EventCategory.DATA },
          managementWithType: { eventCategory: EventCategory.MANAGEMENT, resourceType: DataResourceType.S3_OBJECT },
          longName: {
            name: 'n'.repeat(1001),
            eventCategory: EventCategory.DATA,
            resourceType: DataResourceType.S3_OBJECT,
          },
        };
        return trail.addAdvancedEventSelector(shapes[op.shape]);
      }
      case 'network':
        return trail.logNetworkActivityEvents({
          sources: op.sources.map((s) => NetworkActivitySource[s]),
          accessDeniedOnly: op.accessDeniedOnly ?? none,
          vpcEndpoints: none,
          eventNames: none,
        });
      case 'insight':
        return trail.addInsight({
          insightType:
            op.type === 'API_CALL_RATE' ? cloudtrail.InsightType.API_CALL_RATE : cloudtrail.InsightType.API_ERROR_RATE,
          eventCategories: op.data ? [EventCategory.DATA] : none,
        });
      case 'aggregate':
        return trail.aggregateDataEvents(op.templates.map((t) => AggregationTemplate[t]));
      case 'managementEvents':
        return trail.logManagementEvents({
          readWriteType: READ_WRITE[op.readWrite],
          excludeEventSources: op.excludeKms ? [ManagementEventSource.KMS] : none,
        });
    }
  }

  /** The building blocks on their own, in the main stack, as a log-archive account's stack has them. */
  public standalone(s: StandaloneSpec): void {
    const m = this.main;
    const trailArn = (a: { account: string; region: string }) =>
      `arn:${partitionOf(a.region)}:cloudtrail:${a.region}:${a.account}:trail/org-trail`;
    const ids = (xs: string[]) => xs.map((x) => str(m, specOf(x)));
    if (s.bucket) {
      const x = s.bucket;
      const bucket = new TrailBucket(m, 'Archive', {
        bucketName: map(x.bucketName, (v) => str(m, v)),
        encryptionKey: map(x.encryptionKey, (r) => this.key(r, m)),
        accessLogsBucket: map(x.accessLogsBucket, (r) => this.accessLogsBucket(r, m)),
        accessLogsExpiration: map(x.accessLogsExpirationDays, (d) => Duration.days(d)),
        accessLogsPrefix: x.accessLogsPrefix,
        objectLockRetention: map(x.objectLockRetention, objectLockOf),
        objectLockEnabled: x.objectLockEnabled,
        transitions: map(x.transitions, (ts) =>
          ts.map((y) => ({
            storageClass: STORAGE_CLASS[y.storageClass],
            transitionAfter: Duration.days(y.days),
          })),
        ),
        expiration: map(x.expirationDays, (d) => Duration.days(d)),
        removalPolicy: map(x.removalPolicy, removalPolicyOf),
        organizationId: map(x.organizationId, (v) => str(m, specOf(v))),
        replication: map(x.replication, (r) => ({
          destination: this.bucket({ from: 'arn', account: r.account, region: r.region }, m),
          destinationKey: r.withKey ? this.key({ from: 'arn', account: r.account, region: r.region }, m) : undefined,
        })),
      } as any);
      for (const a of x.allowTrailArns) bucket.allowTrailArn(trailArn(a), { s3KeyPrefix: a.prefix } as any);
      if (x.allowAccounts !== undefined) {
        bucket.allowAccountTrails(x.allowAccounts === null ? (null as any) : ids(x.allowAccounts));
      }
    }
    if (s.key) {
      const x = s.key;
      const key = new TrailKey(m, 'LogArchiveKey', {
        // not 'ArchiveKey': see counterexamples.test.ts (TrailBucket's sibling key)

        alias: map(x.alias, (v) => str(m, v)),
        description: map(x.description, (v) => str(m, v)),
        removalPolicy: map(x.removalPolicy, removalPolicyOf),
        pendingWindow: map(x.pendingWindowDays, (d) => Duration.days(d)),
      } as any);
      for (const a of x.allowTrailArns) key.allowTrailArn(trailArn(a));
      if (x.allowAccounts !== undefined) {
        key.allowAccountTrails(x.allowAccounts === null ? (null as any) : ids(x.allowAccounts));
      }
      if (x.allowCloudWatchLogs) {
        key.allowCloudWatchLogs(
          m.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: '/aws/cloudtrail/org-trail',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        );
      }
    }
    if (s.accessLogs) {
      const x = s.accessLogs;
      new TrailAccessLogsBucket(m, 'ArchiveAccessLogs', {
        bucketName: map(x.bucketName, (v) => str(m, v)),
        expiration: map(x.expirationDays, (d) => Duration.days(d)),
        removalPolicy: map(x.removalPolicy, removalPolicyOf),
        encryptionKey: map(x.encryptionKey, (r) => this.key(r, m)),
        logOwnAccess: x.logOwnAccess,
      } as any);
    }
    if (s.topic) {
      const x = s.topic;
      const masterKey =
        x.masterKey === 'awsManaged' ? kms.Alias.fromAliasName(m, 'AwsSns', 'alias/aws/sns') : this.key(x.masterKey, m);
      new TrailTopic(m, 'ArchiveTopic', { topicName: map(x.topicName, (v) => str(m, v)), masterKey } as any);
    }
  }

  public importedTrail(scope: Construct): ITrail {
    const i = this.spec.importedTrail;
    const arn = `arn:${partitionOf(i.region)}:cloudtrail:${i.region}:${i.account}:trail/org-trail`;
    if (i.how === 'name') return SecureTrail.fromTrailName(scope, this.id('ImportedTrail'), 'org-trail');
    if (i.how === 'arn') return SecureTrail.fromTrailArn(scope, this.id('ImportedTrail'), arn);
    return SecureTrail.fromTrailAttributes(scope, this.id('ImportedTrail'), {
      trailArn: arn,
      bucket: i.withBucket ? this.bucket({ from: 'arn', account: i.account, region: i.region }, scope) : undefined,
      encryptionKey: i.withBucket ? this.key({ from: 'arn', account: i.account, region: i.region }, scope) : undefined,
      logGroup: i.withBucket ? this.logGroup({ from: 'arn', account: i.account, region: i.region }, scope) : undefined,
    });
  }
}

/** The App a configuration describes (constructs only: synthesis is the property's). */
export function buildApp(spec: AppSpec): Built {
  const b = new Builder(spec);
  const main = b.main;
  const trail = spec.trail ? new SecureTrail(main, 'Trail', b.trailProps(spec.trail)) : undefined;
  if (trail && spec.trail) for (const op of spec.trail.selectors) b.select(trail, op, spec.trail.nullOptions);
  /** Where the monitors, queries and guardrails go. */
  const side = (): Stack => (spec.splitStacks ? b.otherStackOf() : main);
  const watched = (on: string, scope: Construct): ITrail =>
    on === 'secureTrail' && trail ? trail : b.importedTrail(scope);

  if (spec.cisAlarms) {
    const c = spec.cisAlarms;
    const scope = side();
    new CisAlarms(scope, 'Cis', {
      trail: c.on === 'logGroup' ? undefined : watched(c.on, scope),
      logGroup: c.on === 'logGroup' ? b.logGroup({ from: 'here' }, scope) : undefined,
      controls: map(c.controls, (cs) => cs.map((name) => CisControl[name])),
      topic: map(c.topic, (r) => b.topic(r, scope)),
      metricNamespace: map(c.metricNamespace, (v) => str(scope, specOf(v))),
    } as any);
  }
  if (spec.tamperAlert) {
    const t = spec.tamperAlert;
    const scope = side();
    new TrailTamperAlert(scope, 'Tamper', {
      trail: watched(t.on, scope),
      topic: map(t.topic, (r) => b.topic(r, scope)),
      alarm: t.alarm,
      ruleName: map(t.ruleName, (v) => str(scope, specOf(v))),
    } as any);
  }
  if (spec.deliveryMonitor) {
    const m = spec.deliveryMonitor;
    const scope = side();
    new TrailDeliveryMonitor(scope, 'DeliveryMonitor', {
      trail: watched(m.on, scope),
      schedule: map(m.scheduleMinutes, (v) => Duration.minutes(v)),
      regions: map(m.regions, (rs) => rs.map((r) => str(scope, specOf(r)))),
      topic: map(m.topic, (r) => b.topic(r, scope)),
      logDeliveryOverdue: map(m.logOverdueMinutes, (v) => Duration.minutes(v)),
      digestDeliveryOverdue: map(m.digestOverdueMinutes, (v) => Duration.minutes(v)),
    } as any);
  }
  if (spec.integrityVerifier) {
    const v = spec.integrityVerifier;
    const scope = side();
    new TrailIntegrityVerifier(scope, 'IntegrityVerifier', {
      trail: watched(v.on, scope),
      maxConcurrency: v.maxConcurrency,
      overdueAfter: map(v.overdueMinutes, (x) => Duration.minutes(x)),
      securityHub: v.securityHub,
      topic: map(v.topic, (r) => b.topic(r, scope)),
    } as any);
  }
  if (spec.query) {
    const q = spec.query;
    const scope = side();
    const source =
      q.source === 'secureTrail' && trail
        ? { trail }
        : q.source === 'importedTrail'
          ? { trail: b.importedTrail(scope) }
          : {
              bucket:
                q.source === 'importedBucket'
                  ? b.bucket({ from: 'arn', account: '222222222222', region: 'us-east-1' }, scope)
                  : new TrailBucket(scope, 'QueryBucket'),
              s3KeyPrefix: map(q.s3KeyPrefix, (v) => str(scope, v)),
              encryptionKey: q.withKey
                ? b.key({ from: 'arn', account: '222222222222', region: 'us-east-1' }, scope)
                : undefined,
            };
    const table = new TrailLogTable(scope, 'Logs', {
      ...source,
      organizationId: map(q.organizationId, (s) => str(scope, specOf(s))),
      ...('bucket' in source ? { accounts: q.accounts, regions: q.regions } : {}),
      logsSince: map(q.logsSince, (v) => str(scope, specOf(v))),
      databaseName: map(q.databaseName, (v) => str(scope, specOf(v))),
      tableName: map(q.tableName, (v) => str(scope, specOf(v))),
    } as any);
    if (q.workGroup) {
      const w = q.workGroup;
      const workGroup = new TrailQueryWorkGroup(scope, 'Queries', {
        table,
        workGroupName: map(w.workGroupName, (v) => str(scope, specOf(v))),
        bytesScannedCutoffPerQuery: map(w.cutoffMegabytes, (mb) => Size.mebibytes(mb)),
        resultsExpiration: map(w.resultsExpirationDays, (d) => Duration.days(d)),
        removalPolicy: map(spec.trail?.removalPolicy, removalPolicyOf),
      } as any);
      if (w.investigations) new TrailInvestigations(scope, 'Investigations', { workGroup });
    }
  }
  if (spec.prerequisites) {
    const p = spec.prerequisites;
    const vpc = spec.prerequisitesVpc ? new ec2.Vpc(main, 'Vpc', { maxAzs: 2, natGateways: 1 }) : undefined;
    new OrganizationTrailPrerequisites(main, 'Prerequisites', {
      vpc,
      delegatedAdministratorAccountId: map(p.delegatedAdministratorAccountId, (s) => str(main, specOf(s))),
      deregisterOnDelete: p.deregisterOnDelete,
      organizationId: map(p.organizationId, (s) => str(main, specOf(s))),
    } as any);
  }
  if (spec.guardrails) {
    const g = spec.guardrails;
    const scope = side();
    const i = spec.importedTrail;
    new TrailGuardrails(scope, 'Guardrails', {
      trail: watched(g.on, scope),
      breakGlassPrincipalArns: g.breakGlassPrincipalArns.map((v) => str(scope, specOf(v))),
      targetIds: map(g.targetIds, (ts) => ts.map((v) => str(scope, specOf(v)))),
      organizationId: map(g.organizationId, (s) => str(scope, specOf(s))),
      managementAccountId: map(g.managementAccountId, (s) => str(scope, specOf(s))),
      policyName: map(g.policyName, (v) => str(scope, specOf(v))),
      ...(g.explicitResources
        ? {
            bucket: b.bucket({ from: 'arn', account: i.account, region: i.region }, scope),
            encryptionKey: b.key({ from: 'arn', account: i.account, region: i.region }, scope),
            logGroup: b.logGroup({ from: 'arn', account: i.account, region: i.region }, scope),
          }
        : {}),
    } as any);
  }
  if (spec.delivery) {
    const scope = side();
    new CloudWatchLogsDelivery(scope, 'Delivery', {
      trail: b.importedTrail(scope),
      retention: spec.delivery.retention,
      organizationId: spec.delivery.organizationId,
    } as any);
  }
  if (spec.plainTrail) {
    const p = spec.plainTrail;
    const scope = side();
    const plain = new cloudtrail.Trail(scope, 'PlainTrail', {
      trailName: p.trailName,
      isMultiRegionTrail: p.isMultiRegionTrail,
      includeGlobalServiceEvents: p.includeGlobalServiceEvents,
      sendToCloudWatchLogs: p.sendToCloudWatchLogs,
      snsTopic: p.snsTopic ? new sns.Topic(scope, 'PlainTopic') : undefined,
      encryptionKey: map(p.kmsAlias, (a) => kms.Alias.fromAliasName(scope, 'PlainKey', a)),
      insightTypes: p.insight ? [cloudtrail.InsightType.API_CALL_RATE] : undefined,
    } as any);
    if (p.s3DataEvents) {
      plain.addS3EventSelector([{ bucket: s3.Bucket.fromBucketName(scope, 'PlainData', 'app-data') }]);
    }
    Aspects.of(scope).add(new TrailValidator(), { priority: AspectPriority.READONLY });
  }
  if (spec.more) {
    const x = spec.more;
    const second = new SecureTrail(main, 'Trail2', { trailName: x.trailName, organizationId: x.organizationId } as any);
    if (x.secondTable) new TrailLogTable(main, 'Logs2', { trail: second, organizationId: x.organizationId } as any);
    if (x.secondCis) new CisAlarms(main, 'Cis2', { trail: second });
  }
  if (spec.standalone) b.standalone(spec.standalone);
  if (spec.uses) {
    const u = spec.uses;
    const scope = side();
    const target = watched(u.on, scope);
    const grantee: iam.IGrantable =
      u.grantee === 'role'
        ? new iam.Role(scope, 'Reader', { assumedBy: new iam.AccountRootPrincipal() })
        : u.grantee === 'user'
          ? new iam.User(scope, 'ReaderUser')
          : iam.Role.fromRoleArn(scope, 'ImportedReader', 'arn:aws:iam::222222222222:role/Reader');
    const calls = {
      readLogs: () => target.grantReadLogs(grantee),
      readConfiguration: () => target.grantReadConfiguration(grantee),
      lookupEvents: () => target.grantLookupEvents(grantee),
      startStopLogging: () => target.grantStartStopLogging(grantee),
      manageTags: () => target.grantManageTags(grantee),
      listPublicKeys: () => target.grantListPublicKeys(grantee),
    };
    for (const g of u.grants) calls[g]();
    if (u.onEvent !== undefined) target.onCloudTrailEvent('OnEvent', u.onEvent as any);
  }
  return { app: b.app, main, other: b.other, trail };
}
