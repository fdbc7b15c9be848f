import { AppSpec } from './arbitraries/app';
import {
  CIS_CONTROLS,
  deliveryMonitorProblems,
  integrityVerifierProblems,
  namespaceProblem,
  ruleNameProblem,
} from './arbitraries/monitoring';
import { isBreakGlassArn, isTargetId } from './arbitraries/organization';
import { RefSpec } from './arbitraries/resources';
import { aliasProblem, bucketNameProblem, topicNameProblem } from './arbitraries/standalone';
import { accountProblem, objectLockProblem, ORGANIZATION_ID, RETENTIONS, trailProblems } from './arbitraries/trail';
import { plainTrailProblems } from './arbitraries/validator';
import { isMarkedToken, validDays, valueOf } from './arbitraries/values';

/*
 * The oracle of validity: what the model knows of AWS's rules about a generated configuration. `problems` are reasons
 * it is invalid (the library may, and for most should, reject it); `unsure` are reasons the model does not claim to
 * know (a combination whose outcome AWS documents loosely, or that the library documents as its own choice). A
 * configuration with neither must synthesize without any error.
 */
export interface Verdict {
  readonly problems: string[];
  readonly unsure: string[];
  /**
   * Known library bugs the configuration reaches (each kept as a failing test in counterexamples.test.ts): its
   * templates are not given to the oracles, which would report the same bug again.
   */
  readonly known: string[];
}

export function judge(spec: AppSpec): Verdict {
  const problems: string[] = [];
  const unsure: string[] = [];
  const known: string[] = [];
  const env = spec.env;
  const stackRegion = env.agnostic ? undefined : env.region;
  const stackAccount = env.agnostic ? undefined : env.account;
  const t = spec.trail;
  const given = (r: RefSpec | null | undefined): r is RefSpec => r !== undefined && r !== null;

  if (t) {
    problems.push(...trailProblems(t));
    const bucketGiven = given(t.bucket);
    // CloudFormation rejects DeletionPolicy Snapshot on a bucket, key and (RetainExceptOnCreate aside) log group.
    if (t.removalPolicy === 'snapshot') problems.push('removalPolicy snapshot');
    // S3: a lifecycle expiration before the Object Lock default retention (365 days by default) cannot delete locked
    // files.
    if (!bucketGiven && typeof t.logFileExpirationDays === 'number') {
      const lock = t.objectLockRetention ?? { unit: 'days', amount: 365 };
      const lockDays = lock.unit === 'years' ? lock.amount * 365 : lock.amount;
      if (t.logFileExpirationDays < lockDays + (lock.unit === 'years' ? lock.amount : 0)) {
        problems.push('expiration before the Object Lock retention');
      }
    }
    // S3 server access logging delivers only within the source bucket's Region.
    if (
      given(t.accessLogsBucket) &&
      t.accessLogsBucket.from === 'arn' &&
      stackRegion !== undefined &&
      t.accessLogsBucket.region !== stackRegion
    ) {
      problems.push('access-log bucket in another Region');
    }
    if (
      given(t.accessLogsBucket) &&
      t.accessLogsBucket.from === 'arn' &&
      (stackAccount === undefined || t.accessLogsBucket.account !== stackAccount)
    ) {
      (stackAccount ? problems : unsure).push('access-log bucket in another account');
    }
    // CloudWatch Logs encrypts a log group only with a key of its Region.
    const cwlKey = given(t.cloudWatchLogsEncryptionKey) ? t.cloudWatchLogsEncryptionKey : t.encryptionKey;
    if (
      t.sendToCloudWatchLogs !== false &&
      !given(t.cloudWatchLogGroup) &&
      given(cwlKey) &&
      cwlKey.from === 'arn' &&
      stackRegion !== undefined &&
      cwlKey.region !== stackRegion
    ) {
      problems.push('log group key in another Region');
    }
    // Props documented "only for a bucket made here": given with a bucket of the caller's, the library may refuse them.
    if (
      bucketGiven &&
      [
        t.accessLogsBucket,
        t.accessLogsExpirationDays,
        t.objectLockRetention,
        t.logFileTransitions,
        t.logFileExpirationDays,
      ].some((v) => v !== undefined && v !== null)
    ) {
      unsure.push('bucket-only props with a given bucket');
    }
    if (given(t.accessLogsBucket) && t.accessLogsExpirationDays !== undefined && t.accessLogsExpirationDays !== null) {
      unsure.push('access-log expiration with a given access-log bucket');
    }
    if (t.logFileTransitions && t.logFileTransitions.length > 0) {
      // S3 lifecycle rules: IA classes need 30 days, an expiration must come after every transition, one transition per
      // class.
      const max = Math.max(...t.logFileTransitions.map((x) => x.days));
      if (
        t.logFileTransitions.some((x) => x.days < 30) ||
        (typeof t.logFileExpirationDays === 'number' && t.logFileExpirationDays <= max) ||
        new Set(t.logFileTransitions.map((x) => x.storageClass)).size < t.logFileTransitions.length
      ) {
        unsure.push('lifecycle transition ordering');
      }
    }
    if (
      typeof t.logFileExpirationDays === 'number' &&
      (t.logFileTransitions === undefined || t.logFileTransitions === null) &&
      t.logFileExpirationDays <= 90
    ) {
      unsure.push('expiration before the default Glacier transition');
    }
    if (typeof t.logFileExpirationDays === 'number' && t.objectLockRetention !== undefined) {
      unsure.push('expiration with object lock');
    }
    // The key encrypts the bucket: KMS_KEY_REGION (the key is in the log bucket's Region).
    if (given(t.encryptionKey) && t.encryptionKey.from === 'arn') {
      const bucketRegion = given(t.bucket) && t.bucket.from === 'arn' ? t.bucket.region : stackRegion;
      if (bucketRegion !== undefined && t.encryptionKey.region !== bucketRegion) {
        problems.push('key in another Region than the bucket');
      }
      if (bucketRegion === undefined) unsure.push('imported key, Region unknown');
    }
    if (given(t.bucket) && t.bucket.from === 'arn') {
      unsure.push('imported bucket (the library warns, and may need its key)');
    }
    const cwl = t.sendToCloudWatchLogs !== false;
    if (
      !cwl &&
      [t.cloudWatchLogGroup, t.cloudWatchLogsRole, t.cloudWatchLogsEncryptionKey, t.cloudWatchLogsRetention].some(
        (v) => v !== undefined && v !== null,
      )
    ) {
      unsure.push('CloudWatch Logs props with delivery off');
    }
    if (
      given(t.cloudWatchLogGroup) &&
      ((t.cloudWatchLogsRetention !== undefined && t.cloudWatchLogsRetention !== null) ||
        given(t.cloudWatchLogsEncryptionKey))
    ) {
      unsure.push('log group props with a given log group');
    }
    if (given(t.cloudWatchLogGroup) && t.cloudWatchLogGroup.from === 'arn') {
      if (stackRegion !== undefined && t.cloudWatchLogGroup.region !== stackRegion) {
        problems.push('log group in another Region');
      } else {
        unsure.push('imported log group');
      }
    }
    if (given(t.cloudWatchLogsRole) && t.cloudWatchLogsRole.from === 'arn') unsure.push('imported role');
    if (given(t.cloudWatchLogsEncryptionKey) && t.cloudWatchLogsEncryptionKey.from === 'arn') {
      unsure.push('imported log group key');
    }
    if (t.sendSnsNotifications === false && given(t.snsTopic)) unsure.push('topic with notifications off');
    if (given(t.snsTopic) && t.snsTopic.from === 'arn') unsure.push('imported topic');
    if (
      given(t.encryptionKey) &&
      t.encryptionKey.from === 'arn' &&
      (stackAccount === undefined || t.encryptionKey.account !== stackAccount)
    ) {
      unsure.push('key of another account');
    }
    if (
      typeof t.managementAccountId === 'string' &&
      (valueOf(t.managementAccountId) !== stackAccount || typeof t.organizationId !== 'string')
    ) {
      unsure.push('delegated administrator trail');
    }
    if (isMarkedToken(t.managementAccountId)) {
      unsure.push('a token management account (delegated administrator or not is unknown at synth)');
    }

    const ops = t.selectors;
    const dataOps = ops.filter(
      (o) =>
        ['allS3', 'allLambda', 'allDynamoDb', 's3Objects'].includes(o.op) ||
        (o.op === 'advanced' && ['dataWithPrefix', 'eventNames'].includes(o.shape)),
    );
    for (const o of ops) {
      if ((o.op === 'allS3' || o.op === 'allLambda' || o.op === 'allDynamoDb') && o.readWrite === 'NONE') {
        problems.push('data events with NONE');
      }
      if (o.op === 'advanced' && ['dataNoType', 'managementWithType', 'longName'].includes(o.shape)) {
        problems.push(`advanced selector ${o.shape}`);
      }
      if (o.op === 'network' && o.sources.length === 0) problems.push('network activity without sources');
      if (o.op === 'aggregate' && o.templates.length === 0) problems.push('aggregation without templates');
      if (o.op === 'aggregate' && dataOps.length === 0) unsure.push('aggregation without data events');
      if (o.op === 'managementEvents' && o.readWrite === 'NONE' && o.excludeKms) {
        problems.push('NONE management events with exclusions');
      }
      if (o.op === 'insight') unsure.push('insight prerequisites');
      if (o.op === 'network' && stackRegion && !stackRegion.startsWith('us-') && !stackRegion.startsWith('eu-')) {
        unsure.push('network activity Region availability');
      }
    }
    if (ops.filter((o) => o.op === 'managementEvents').length > 1) unsure.push('management events set twice');
    // Event selectors cannot say "nothing": NONE management events with nothing else selected is refused.
    const last = [...ops].reverse().find((o) => o.op === 'managementEvents');
    if (
      last &&
      last.op === 'managementEvents' &&
      last.readWrite === 'NONE' &&
      !ops.some((o) => ['allS3', 'allLambda', 'allDynamoDb', 's3Objects', 'advanced', 'network'].includes(o.op))
    ) {
      problems.push('NONE management events and nothing else');
    }
    if (ops.some((o) => o.op === 'aggregate') && typeof t.managementAccountId === 'string') {
      unsure.push('aggregation on a delegated administrator trail');
    }
    if (ops.some((o) => o.op === 'aggregate') && ops.filter((o) => o.op === 'aggregate').length > 1) {
      unsure.push('aggregation set twice');
    }
    if (ops.some((o) => o.op === 's3Objects') && ops.some((o) => o.op !== 's3Objects')) {
      unsure.push('basic and advanced selectors mixed');
    }
  }

  const importedElsewhere = spec.importedTrail.region !== stackRegion || spec.importedTrail.account !== stackAccount;
  const watchesImported = (on: string) => on === 'importedTrail' || !t;
  if (spec.cisAlarms) {
    const c = spec.cisAlarms;
    if (c.controls && c.controls.length === 0) problems.push('CisAlarms controls empty');
    if (c.controls && new Set(c.controls).size < c.controls.length) problems.push('CisAlarms control twice');
    if (typeof c.metricNamespace === 'string') {
      const p = namespaceProblem(valueOf(c.metricNamespace));
      if (p) problems.push(p);
    }
    const importedWithLogGroup = spec.importedTrail.how === 'attributes' && spec.importedTrail.withBucket;
    if (c.on !== 'logGroup' && watchesImported(c.on) && !importedWithLogGroup) {
      problems.push('CisAlarms on an imported trail without a log group');
    }
    if (c.on !== 'logGroup' && watchesImported(c.on) && importedWithLogGroup && importedElsewhere) {
      unsure.push('CisAlarms on a log group of another environment');
    }
    if (c.on === 'secureTrail' && t && t.sendToCloudWatchLogs === false) {
      problems.push('CisAlarms on a trail without CloudWatch Logs');
    }
    if (c.on === 'secureTrail' && t && t.cloudWatchLogGroup) unsure.push('CisAlarms on a given log group');
    if (c.topic && c.topic.from === 'arn') {
      (stackRegion !== undefined && c.topic.region !== stackRegion ? problems : unsure).push(
        'CisAlarms topic of another Region',
      );
    }
    void CIS_CONTROLS;
  }
  if (spec.tamperAlert) {
    const a = spec.tamperAlert;
    if (typeof a.ruleName === 'string') {
      const p = ruleNameProblem(valueOf(a.ruleName));
      if (p) problems.push(p);
    }
    if (watchesImported(a.on) && importedElsewhere) unsure.push('tamper alert on a trail of another environment');
    if (a.topic && a.topic.from === 'arn') {
      (stackRegion !== undefined && a.topic.region !== stackRegion ? problems : unsure).push(
        'tamper alert topic of another Region',
      );
    }
  }
  if (spec.deliveryMonitor) {
    const m = spec.deliveryMonitor;
    problems.push(...deliveryMonitorProblems(m));
    if (m.topic && m.topic.from === 'arn') {
      (stackRegion !== undefined && m.topic.region !== stackRegion ? problems : unsure).push(
        'monitor topic of another Region',
      );
    }
  }
  if (spec.integrityVerifier) {
    const v = spec.integrityVerifier;
    problems.push(...integrityVerifierProblems(v));
    const importedWithBucket = spec.importedTrail.how === 'attributes' && spec.importedTrail.withBucket;
    if (watchesImported(v.on) && !importedWithBucket) problems.push('verifier of a trail imported without its bucket');
    if (watchesImported(v.on) && importedWithBucket) {
      unsure.push('verifier of an imported bucket (its account and Region as imported)');
    }
    if (v.topic && v.topic.from === 'arn') {
      (stackRegion !== undefined && v.topic.region !== stackRegion ? problems : unsure).push(
        'verifier topic of another Region',
      );
    }
  }
  if (spec.query) {
    const q = spec.query;
    const onTrail = q.source === 'secureTrail' && t;
    if (q.source === 'importedTrail' && !(spec.importedTrail.how === 'attributes' && spec.importedTrail.withBucket)) {
      problems.push('a table over a trail imported without its bucket');
    }
    if (q.source === 'importedTrail' && (importedElsewhere || typeof q.organizationId === 'string')) {
      unsure.push('a table over a trail of another environment or organization');
    }
    const bucketSource =
      q.source === 'trailBucket' || q.source === 'importedBucket' || (q.source === 'secureTrail' && !t);
    if (bucketSource && q.s3KeyPrefix !== undefined && q.s3KeyPrefix !== null) {
      const prefix = typeof q.s3KeyPrefix === 'string' ? q.s3KeyPrefix : q.s3KeyPrefix.sample;
      if (prefix.startsWith('/')) problems.push('table prefix with a slash');
      if (typeof q.s3KeyPrefix !== 'string') unsure.push('table over a token prefix');
    }
    if (!onTrail) {
      if (typeof q.organizationId === 'string' && !ORGANIZATION_ID.test(valueOf(q.organizationId))) {
        problems.push('table organizationId');
      }
      if (q.accounts?.some((a) => accountProblem(a))) problems.push('table account');
      if (q.accounts?.length === 0 || q.regions?.length === 0) {
        problems.push('table accounts or Regions empty (no log files to find)');
      }
      if (q.regions?.includes('mars-1')) problems.push('table Region');
      if (typeof q.organizationId === 'string' && q.accounts && q.accounts.length > 0) {
        unsure.push('organization table with accounts');
      }
    }
    if (onTrail && t && typeof t.s3KeyPrefix === 'object' && t.s3KeyPrefix !== null) {
      unsure.push('table over a token prefix');
    }
    // TrailLogTable reads the organization from a trail that knows it: told one, it must be the trail's.
    if (onTrail && t) {
      const orgTrail = typeof t.organizationId === 'string' && valueOf(t.organizationId) !== '';
      const told = typeof q.organizationId === 'string';
      if (told && !orgTrail) {
        problems.push('table organizationId given for an account trail');
      } else if (orgTrail && told && valueOf(t.organizationId) !== valueOf(q.organizationId)) {
        problems.push("table organizationId is not the trail's");
      }
    }
    if (typeof q.logsSince === 'string' && !/^\d{4}\/\d{2}\/\d{2}$/.test(valueOf(q.logsSince))) {
      problems.push('logsSince format');
    }
    for (const n of [q.databaseName, q.tableName]) {
      if (typeof n === 'string' && !/^[a-z0-9_]{1,255}$/.test(valueOf(n))) problems.push(`Glue name '${n}'`);
    }
    if (q.workGroup) {
      const w = q.workGroup;
      if (typeof w.workGroupName === 'string' && !/^[A-Za-z0-9._-]{1,128}$/.test(valueOf(w.workGroupName))) {
        problems.push('workgroup name');
      }
      if (typeof w.cutoffMegabytes === 'number' && w.cutoffMegabytes * 1024 * 1024 < 10_000_000) {
        problems.push('cutoff below 10 MB');
      }
      if (typeof w.resultsExpirationDays === 'number' && !validDays(w.resultsExpirationDays)) {
        problems.push('results expiration');
      }
    }
    if (!env.agnostic && (env.region.startsWith('cn-') || env.region.startsWith('us-gov-'))) {
      unsure.push('Athena features per partition');
    }
  }
  if (spec.prerequisites) {
    const p = spec.prerequisites;
    if (typeof p.delegatedAdministratorAccountId === 'string') {
      const bad = accountProblem(p.delegatedAdministratorAccountId);
      if (bad) {
        problems.push(bad);
      } else if (valueOf(p.delegatedAdministratorAccountId) === stackAccount) {
        problems.push('the management account as its own delegated administrator');
      }
    }
    if (typeof p.organizationId === 'string' && !ORGANIZATION_ID.test(valueOf(p.organizationId))) {
      problems.push('prerequisites organizationId');
    }
  }
  if (spec.guardrails) {
    const g = spec.guardrails;
    if (g.breakGlassPrincipalArns.length === 0) unsure.push('guardrails without break-glass principals');
    if (g.breakGlassPrincipalArns.some((a) => !isBreakGlassArn(a))) problems.push('break-glass ARN');
    if (g.targetIds?.some((x) => !isTargetId(x))) problems.push('target id');
    if (g.targetIds && new Set(g.targetIds.map(valueOf)).size < g.targetIds.length) {
      problems.push('a target twice (one of them a token)');
    }
    if (new Set(g.breakGlassPrincipalArns.map(valueOf)).size < g.breakGlassPrincipalArns.length) {
      unsure.push('a break-glass principal twice');
    }
    if (g.targetIds && g.targetIds.length === 0) unsure.push('guardrails with no targets');
    if (typeof g.organizationId === 'string' && !ORGANIZATION_ID.test(valueOf(g.organizationId))) {
      problems.push('guardrails organizationId');
    }
    if (
      g.on === 'secureTrail' &&
      t &&
      typeof t.organizationId === 'string' &&
      typeof g.organizationId === 'string' &&
      valueOf(t.organizationId) !== '' &&
      valueOf(t.organizationId) !== valueOf(g.organizationId)
    ) {
      problems.push("guardrails organizationId is not the trail's");
    }
    if (typeof g.managementAccountId === 'string' && accountProblem(g.managementAccountId)) {
      problems.push('guardrails management account');
    }
    if (typeof g.policyName === 'string' && !/^[\s\S]{1,128}$/.test(valueOf(g.policyName))) {
      problems.push('policy name');
    }
    if (watchesImported(g.on) && !g.explicitResources) unsure.push('guardrails on a trail imported without resources');
    if (g.on === 'secureTrail' && t && (t.bucket || t.encryptionKey || t.cloudWatchLogGroup)) {
      unsure.push('guardrails over given resources');
    }
    if (env.agnostic) unsure.push('guardrails in an environment-agnostic stack');
  }
  if (spec.delivery) {
    if (
      typeof spec.delivery.retention === 'number' &&
      !(RETENTIONS as readonly number[]).includes(spec.delivery.retention)
    ) {
      problems.push('delivery retention');
    }
    if (importedElsewhere || spec.importedTrail.how === 'name') {
      unsure.push('delivery for a trail of another environment');
    }
  }
  if (spec.uses) {
    const u = spec.uses;
    const imported = watchesImported(u.on);
    const knowsBucket = spec.importedTrail.how === 'attributes' && spec.importedTrail.withBucket;
    if (u.grants.includes('readLogs') && imported && !knowsBucket) {
      problems.push('grantReadLogs on a trail imported without its bucket');
    }
    if (u.grantee === 'importedRole') unsure.push('grant to a role of another account');
    if (imported && importedElsewhere) unsure.push('uses of a trail of another environment');
    if (u.grants.includes('readLogs') && !imported && t && (given(t.bucket) || given(t.encryptionKey))) {
      unsure.push('grantReadLogs over given resources');
    }
    const e = u.onEvent;
    if (e) {
      if (e.services?.length === 0) problems.push('onCloudTrailEvent services empty');
      if (e.eventNames?.length === 0) problems.push('onCloudTrailEvent eventNames empty');
      if (e.services?.some((x) => !/^[a-z0-9-]+\.amazonaws\.com$/.test(x))) problems.push('onCloudTrailEvent service');
      if (typeof e.ruleName === 'string' && ruleNameProblem(e.ruleName)) problems.push('onCloudTrailEvent ruleName');
    }
  }
  if (spec.more) {
    const x = spec.more;
    const first = t
      ? valueOf((typeof t.trailName === 'string' ? t.trailName : t.trailName?.sample) ?? undefined)
      : undefined;
    if (x.trailName !== null && x.trailName === first) problems.push('two trails of one name');
    if (x.trailName !== null && t && typeof t.trailName === 'object' && t.trailName !== null) {
      unsure.push('a trail name next to a token one');
    }
    if (x.trailName !== null && spec.plainTrail?.trailName === x.trailName) problems.push('two trails of one name');
  }
  if (spec.prerequisitesVpc && spec.prerequisites && env.agnostic) {
    unsure.push('a VPC in an environment-agnostic stack');
  }
  if (spec.plainTrail) problems.push(...plainTrailProblems(spec.plainTrail));
  const s = spec.standalone;
  const sampleOf = (v: unknown): string | undefined =>
    typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { sample: string }).sample : undefined;
  const removalProblem = (r: unknown) => {
    if (r === 'snapshot') problems.push('removalPolicy snapshot');
  };
  const arnElsewhere = (r: RefSpec | null | undefined, what: string) => {
    if (!given(r) || r.from !== 'arn') return;
    if (stackRegion !== undefined && r.region !== stackRegion) problems.push(`${what} in another Region`);
    else unsure.push(`${what} imported`);
  };
  if (s?.bucket) {
    const b = s.bucket;
    const name = sampleOf(b.bucketName);
    if (name !== undefined) {
      const p = bucketNameProblem(name);
      if (p) problems.push(p);
    }
    removalProblem(b.removalPolicy);
    if (typeof b.organizationId === 'string' && !ORGANIZATION_ID.test(valueOf(b.organizationId))) {
      problems.push('bucket organizationId');
    }
    for (const d of [b.accessLogsExpirationDays, b.expirationDays]) {
      if (typeof d === 'number' && !validDays(d)) problems.push(`days ${d}`);
    }
    if (b.objectLockRetention) {
      const p = objectLockProblem(b.objectLockRetention);
      if (p) problems.push(p);
    }
    if (b.objectLockEnabled === false && b.objectLockRetention) unsure.push('retention with Object Lock off');
    if (typeof b.expirationDays === 'number' && b.objectLockEnabled !== false) {
      const lock = b.objectLockRetention ?? { unit: 'days', amount: 365 };
      if (b.expirationDays < (lock.unit === 'years' ? lock.amount * 366 : lock.amount)) {
        unsure.push('expiration before the Object Lock retention');
      }
    }
    if (b.transitions && b.transitions.length > 0) unsure.push('lifecycle transitions');
    if (
      typeof b.expirationDays === 'number' &&
      (b.transitions === undefined || b.transitions === null) &&
      b.expirationDays <= 90
    ) {
      unsure.push('expiration before the default transition');
    }
    if (given(b.accessLogsBucket) && b.accessLogsExpirationDays !== undefined && b.accessLogsExpirationDays !== null) {
      problems.push('access-log expiration with a given access-log bucket');
    }
    if (given(b.accessLogsBucket) && b.accessLogsBucket.from === 'arn') {
      if (stackAccount !== undefined && b.accessLogsBucket.account !== stackAccount) {
        problems.push('access-log bucket of another account');
      }
      arnElsewhere(b.accessLogsBucket, 'access-log bucket');
    }
    if (b.accessLogsPrefix !== undefined && b.accessLogsPrefix !== null) unsure.push('accessLogsPrefix');
    arnElsewhere(b.encryptionKey, 'bucket key');
    if (b.replication) {
      if (b.replication.region === stackRegion) problems.push('replication within the Region');
      else unsure.push('replication');
    }
    if (b.allowTrailArns.some((a) => a.prefix === '/bad/')) problems.push('allowTrailArn prefix with slashes');
    if (b.allowAccounts?.some((a) => accountProblem(a))) problems.push('allowAccountTrails account');
    if (b.allowAccounts?.length === 0) unsure.push('allowAccountTrails with no accounts');
    if (b.allowAccounts === null) problems.push('allowAccountTrails(null): a required argument');
    if (b.allowAccounts?.some(isMarkedToken)) unsure.push('token accounts');
  }
  if (s?.key) {
    const k = s.key;
    const a = sampleOf(k.alias);
    if (a !== undefined) {
      const p = aliasProblem(a);
      if (p) problems.push(p);
    }
    const d = sampleOf(k.description);
    if (d !== undefined && d.length > 8192) problems.push('key description length');
    removalProblem(k.removalPolicy);
    if (typeof k.pendingWindowDays === 'number' && (k.pendingWindowDays < 7 || k.pendingWindowDays > 30)) {
      problems.push('pending window');
    }
    if (k.allowAccounts?.some((x) => accountProblem(x))) problems.push('allowAccountTrails account');
    if (k.allowAccounts?.length === 0) unsure.push('allowAccountTrails with no accounts');
    // counterexamples.test.ts: a token alias without 'alias/' is written as given (CloudFormation refuses it).
    if (typeof k.alias === 'object' && k.alias !== null && !k.alias.sample.startsWith('alias/')) {
      known.push('TrailKey token alias without alias/');
    }
    if (k.allowAccounts === null) problems.push('allowAccountTrails(null): a required argument');
    if (k.allowAccounts?.some(isMarkedToken)) unsure.push('token accounts');
  }
  if (s?.accessLogs) {
    const x = s.accessLogs;
    const name = sampleOf(x.bucketName);
    if (name !== undefined) {
      const p = bucketNameProblem(name);
      if (p) problems.push(p);
    }
    if (typeof x.expirationDays === 'number' && !validDays(x.expirationDays)) problems.push('access-log expiration');
    removalProblem(x.removalPolicy);
    if (given(x.encryptionKey)) unsure.push('an access-log bucket with a KMS key (opt-in, S3 documents SSE-S3 only)');
  }
  if (s?.topic) {
    const x = s.topic;
    const name = sampleOf(x.topicName);
    if (name !== undefined) {
      const p = topicNameProblem(name);
      if (p) problems.push(p);
    }
    if (x.masterKey === 'awsManaged') problems.push('topic with the AWS managed SNS key');
    else arnElsewhere(x.masterKey, 'topic key');
  }
  return { problems, unsure, known };
}
