import { DeliveryCheckError, runCheck } from '../../../src/monitoring/delivery-health/check';
import { parseState } from '../../../src/monitoring/delivery-health/state';
import { CheckConfig, TrailStatus } from '../../../src/monitoring/delivery-health/types';

const ARN = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail';
const NOW = new Date('2025-03-01T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const HEALTHY: TrailStatus = {
  IsLogging: true,
  LatestDeliveryTime: minutesAgo(3),
  LatestDigestDeliveryTime: minutesAgo(40),
  LatestCloudWatchLogsDeliveryTime: minutesAgo(1),
  LatestNotificationTime: minutesAgo(3),
};
// A channel failing for an hour: the error string is there and nothing was delivered since.
const S3_DENIED: TrailStatus = { ...HEALTHY, LatestDeliveryError: 'AccessDenied', LatestDeliveryTime: minutesAgo(60) };

function sdkError(name: string): Error {
  const error = new Error(`${name} from the fake`);
  error.name = name;
  return error;
}

/** Fake ports: CloudTrail per Region (a status, or an error to throw), SNS and SSM in memory. */
class World {
  readonly statuses = new Map<string, TrailStatus | Error>();
  readonly published: Array<{ topicArn: string; subject: string; message: string }> = [];
  readonly lines: string[] = [];
  parameter: string | undefined;
  writes = 0;
  publishFails = false;

  constructor(readonly regions: string[] = ['us-east-1']) {
    for (const region of regions) this.statuses.set(region, HEALTHY);
  }

  config(): CheckConfig {
    return {
      trailArn: ARN,
      trailName: 'org-trail',
      regions: this.regions,
      metricNamespace: 'Trails/Health',
      topicArn: 'arn:aws:sns:us-east-1:111122223333:alerts',
      stateParameter: '/trail/health',
    };
  }

  run(now = NOW): Promise<void> {
    this.lines.length = 0;
    return runCheck({
      config: this.config(),
      now,
      print: (line) => this.lines.push(line),
      cloudTrail: {
        getTrailStatus: async (region, trailArn) => {
          expect(trailArn).toBe(ARN);
          const status = this.statuses.get(region);
          if (status === undefined) throw new Error(`no fake for ${region}`);
          if (status instanceof Error) throw status;
          return status;
        },
      },
      topic: {
        publish: async (topicArn, subject, message) => {
          if (this.publishFails) throw sdkError('InternalErrorException');
          this.published.push({ topicArn, subject, message });
        },
      },
      state: {
        read: async () => this.parameter,
        write: async (_name, value) => {
          this.parameter = value;
          this.writes++;
        },
      },
    });
  }

  emf(region: string): Record<string, unknown> {
    const line = this.lines.map((l) => JSON.parse(l)).find((l) => l.Region === region);
    expect(line).toBeDefined();
    return line;
  }
}

test('healthy trail: every error metric 0, IsLogging 1, no message', async () => {
  const world = new World();
  await world.run();
  expect(world.published).toEqual([]);
  expect(world.emf('us-east-1')).toMatchObject({
    S3DeliveryError: 0,
    DigestDeliveryError: 0,
    CloudWatchLogsDeliveryError: 0,
    SnsDeliveryError: 0,
    IsLogging: 1,
  });
  expect(parseState(world.parameter).regions['us-east-1']).toEqual({ logging: true, errors: {} });
});

test('S3 AccessDenied appears: one message naming the error, cause and fix; state written', async () => {
  const world = new World();
  world.statuses.set('us-east-1', S3_DENIED);
  await world.run();
  expect(world.published).toHaveLength(1);
  const { subject, message, topicArn } = world.published[0];
  expect(topicArn).toBe('arn:aws:sns:us-east-1:111122223333:alerts');
  expect(subject).toContain('AccessDenied');
  expect(message).toContain('org-trail');
  expect(message).toContain('Region us-east-1');
  expect(message).toContain('Error (as AWS returned it): AccessDenied');
  expect(message).toMatch(
    /Likely cause: The bucket policy or the KMS key policy no longer lets cloudtrail.amazonaws.com write/,
  );
  expect(message).toMatch(/Fix: Restore the statements the library wrote/);
  expect(world.emf('us-east-1').S3DeliveryError).toBe(1);
  expect(parseState(world.parameter).regions['us-east-1'].errors).toEqual({ S3: 'AccessDenied' });
});

test('the same error on the next run: no second message, state not rewritten', async () => {
  const world = new World();
  world.statuses.set('us-east-1', S3_DENIED);
  await world.run();
  await world.run();
  expect(world.published).toHaveLength(1);
  expect(world.writes).toBe(1);
});

test('error clears: a recovery message', async () => {
  const world = new World();
  world.statuses.set('us-east-1', S3_DENIED);
  await world.run();
  world.statuses.set('us-east-1', HEALTHY);
  await world.run();
  expect(world.published).toHaveLength(2);
  expect(world.published[1].subject).toContain('recovered');
  expect(world.published[1].message).toContain('RECOVERED - Region us-east-1');
  expect(world.published[1].message).toContain('The error AccessDenied is no longer present');
  expect(parseState(world.parameter).regions['us-east-1'].errors).toEqual({});
});

test('an error string still there after a fresh delivery counts as cleared (the field may not be reset)', async () => {
  const world = new World();
  world.statuses.set('us-east-1', S3_DENIED);
  await world.run();
  world.statuses.set('us-east-1', { ...S3_DENIED, LatestDeliveryTime: minutesAgo(2) });
  await world.run();
  expect(world.published[1].message).toContain('RECOVERED');
  expect(world.emf('us-east-1').S3DeliveryError).toBe(0);
});

test('error changes: one message with the new error and the old one', async () => {
  const world = new World();
  world.statuses.set('us-east-1', S3_DENIED);
  await world.run();
  world.statuses.set('us-east-1', { ...S3_DENIED, LatestDeliveryError: 'NoSuchBucket' });
  await world.run();
  expect(world.published).toHaveLength(2);
  expect(world.published[1].message).toContain('ERROR CHANGED - Region us-east-1');
  expect(world.published[1].message).toContain('(was: AccessDenied)');
  expect(world.published[1].message).toMatch(/Likely cause: The bucket the trail writes log files to was deleted/);
});

test.each([
  [
    'Digest',
    { LatestDigestDeliveryError: 'NoSuchBucket', LatestDigestDeliveryTime: minutesAgo(180) },
    'DigestDeliveryError',
    /digest files to was deleted/,
  ],
  [
    'CloudWatchLogs',
    {
      LatestCloudWatchLogsDeliveryError: 'ResourceNotFoundException',
      LatestCloudWatchLogsDeliveryTime: minutesAgo(45),
    },
    'CloudWatchLogsDeliveryError',
    /log group the trail sends events to was deleted/,
  ],
  [
    'Sns',
    { LatestNotificationError: 'AuthorizationError', LatestNotificationTime: minutesAgo(45) },
    'SnsDeliveryError',
    /topic policy no longer lets/,
  ],
])('%s channel error: its metric 1 and a message with its cause', async (channel, fields, metric, cause) => {
  const world = new World();
  world.statuses.set('us-east-1', { ...HEALTHY, ...fields });
  await world.run();
  expect(world.emf('us-east-1')[metric]).toBe(1);
  expect(world.published).toHaveLength(1);
  expect(world.published[0].message).toMatch(cause);
  expect(parseState(world.parameter).regions['us-east-1'].errors).toEqual({ [channel]: Object.values(fields)[0] });
});

test('logging stopped, then started again: a message each time', async () => {
  const world = new World();
  world.statuses.set('us-east-1', { ...HEALTHY, IsLogging: false });
  await world.run();
  expect(world.emf('us-east-1').IsLogging).toBe(0);
  expect(world.published[0].subject).toContain('logging stopped');
  expect(world.published[0].message).toContain('start-logging');
  world.statuses.set('us-east-1', HEALTHY);
  await world.run();
  expect(world.published[1].message).toContain('LOGGING STARTED - Region us-east-1');
});

test('multi-Region list with one Region failing: the others are checked, notified and stored, then the run throws', async () => {
  const world = new World(['us-east-1', 'eu-west-1', 'ap-southeast-2']);
  world.statuses.set('eu-west-1', sdkError('ThrottlingException'));
  world.statuses.set('ap-southeast-2', S3_DENIED);
  await expect(world.run()).rejects.toThrow(/GetTrailStatus in eu-west-1 failed: ThrottlingException/);
  expect(world.lines.map((l) => JSON.parse(l).Region).sort()).toEqual(['ap-southeast-2', 'us-east-1']);
  expect(world.published).toHaveLength(1);
  expect(world.published[0].message).toContain('Region ap-southeast-2');
  expect(Object.keys(parseState(world.parameter).regions).sort()).toEqual(['ap-southeast-2', 'us-east-1']);
});

test('a failing Region keeps what the last run saw: no false recovery', async () => {
  const world = new World(['us-east-1', 'eu-west-1']);
  world.statuses.set('eu-west-1', S3_DENIED);
  await world.run();
  world.statuses.set('eu-west-1', sdkError('AccessDeniedException'));
  await expect(world.run()).rejects.toThrow(DeliveryCheckError);
  expect(world.published).toHaveLength(1);
  expect(parseState(world.parameter).regions['eu-west-1'].errors).toEqual({ S3: 'AccessDenied' });
});

test('trail not found: a notification once, and the run throws each time', async () => {
  const world = new World();
  world.statuses.set('us-east-1', sdkError('TrailNotFoundException'));
  await expect(world.run()).rejects.toThrow(/TrailNotFoundException/);
  expect(world.published).toHaveLength(1);
  expect(world.published[0].subject).toContain('trail not found in us-east-1');
  await expect(world.run()).rejects.toThrow(/TrailNotFoundException/);
  expect(world.published).toHaveLength(1);
});

test('publish fails: state not written, the run throws, and the next run sends the message', async () => {
  const world = new World();
  world.statuses.set('us-east-1', S3_DENIED);
  world.publishFails = true;
  await expect(world.run()).rejects.toThrow(/state not written/);
  expect(world.parameter).toBeUndefined();
  world.publishFails = false;
  await world.run();
  expect(world.published).toHaveLength(1);
  expect(parseState(world.parameter).regions['us-east-1'].errors).toEqual({ S3: 'AccessDenied' });
});

test('several changes in one run: still ONE message', async () => {
  const world = new World(['us-east-1', 'eu-west-1']);
  world.statuses.set('us-east-1', S3_DENIED);
  world.statuses.set('eu-west-1', { ...HEALTHY, IsLogging: false });
  await world.run();
  expect(world.published).toHaveLength(1);
  expect(world.published[0].subject).toBe('CloudTrail org-trail: 2 delivery health changes');
});

test('a stopped trail: its error fields say nothing current, so only logging-stopped is notified', async () => {
  const world = new World();
  world.statuses.set('us-east-1', { ...S3_DENIED, IsLogging: false });
  await world.run();
  expect(world.emf('us-east-1')).toMatchObject({ IsLogging: 0, S3DeliveryError: 0 });
  expect(world.published).toHaveLength(1);
  expect(world.published[0].message).not.toContain('NEW ERROR');
});
