import { lookupError } from '../../../src/monitoring/delivery-health/catalog';
import { ConfigError, parseConfig, parseTrailArn } from '../../../src/monitoring/delivery-health/config';
import { buildNotification } from '../../../src/monitoring/delivery-health/message';
import { emfLine } from '../../../src/monitoring/delivery-health/metrics';
import { presentErrors } from '../../../src/monitoring/delivery-health/presence';

const NOW = new Date('2025-03-01T12:00:00Z');
const ARN = 'arn:aws:cloudtrail:eu-central-1:111122223333:trail/main.trail_1';
const ENV = {
  TRAIL_ARN: ARN,
  METRIC_NAMESPACE: 'Ns',
  TOPIC_ARN: 'arn:aws:sns:eu-central-1:111122223333:t',
  STATE_PARAMETER: '/p',
};

describe('EMF', () => {
  const parse = (status: Parameters<typeof emfLine>[0]['status']) => {
    const errors = presentErrors(status, NOW);
    return JSON.parse(
      emfLine({ namespace: 'Trails/Health', trailName: 'main', region: 'eu-west-1', status, errors, now: NOW }),
    );
  };

  test('namespace, dimensions, values and MinutesSince from a fixed clock', () => {
    const emf = parse({
      IsLogging: true,
      LatestDeliveryTime: new Date('2025-03-01T11:17:30Z'),
      LatestDeliveryError: 'AccessDenied',
      LatestDigestDeliveryTime: new Date('2025-03-01T11:30:00Z'),
    });
    expect(emf._aws.Timestamp).toBe(NOW.getTime());
    const directive = emf._aws.CloudWatchMetrics[0];
    expect(directive.Namespace).toBe('Trails/Health');
    expect(directive.Dimensions).toEqual([['Trail', 'Region']]);
    expect(directive.Metrics.map((m: { Name: string }) => m.Name).sort()).toEqual([
      'CloudWatchLogsDeliveryError',
      'DigestDeliveryError',
      'IsLogging',
      'MinutesSinceDigestDelivery',
      'MinutesSinceLogDelivery',
      'S3DeliveryError',
      'SnsDeliveryError',
    ]);
    expect(emf).toMatchObject({
      Trail: 'main',
      Region: 'eu-west-1',
      S3DeliveryError: 1,
      DigestDeliveryError: 0,
      IsLogging: 1,
      MinutesSinceLogDelivery: 42,
      MinutesSinceDigestDelivery: 30,
    });
  });

  test('MinutesSince… left out when the trail never delivered or has no digests', () => {
    const emf = parse({ IsLogging: false });
    expect(emf.IsLogging).toBe(0);
    expect(emf).not.toHaveProperty('MinutesSinceLogDelivery');
    expect(emf).not.toHaveProperty('MinutesSinceDigestDelivery');
    expect(emf._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name)).not.toContain(
      'MinutesSinceLogDelivery',
    );
  });
});

describe('error presence', () => {
  test('an empty string is no error; an error with a fresh delivery is stale; an old or never-delivered one is present', () => {
    expect(presentErrors({ IsLogging: true, LatestDeliveryError: '', LatestDeliveryTime: new Date(0) }, NOW)).toEqual(
      {},
    );
    expect(
      presentErrors(
        { IsLogging: true, LatestDeliveryError: 'AccessDenied', LatestDeliveryTime: new Date('2025-03-01T11:50:00Z') },
        NOW,
      ),
    ).toEqual({});
    expect(
      presentErrors(
        { IsLogging: true, LatestDeliveryError: 'AccessDenied', LatestDeliveryTime: new Date('2025-03-01T11:20:00Z') },
        NOW,
      ),
    ).toEqual({ S3: 'AccessDenied' });
    expect(presentErrors({ IsLogging: true, LatestDeliveryError: 'NoSuchBucket' }, NOW)).toEqual({
      S3: 'NoSuchBucket',
    });
  });

  test('digests get a longer window (they are hourly)', () => {
    const at = (iso: string) =>
      presentErrors(
        { IsLogging: true, LatestDigestDeliveryError: 'AccessDenied', LatestDigestDeliveryTime: new Date(iso) },
        NOW,
      );
    expect(at('2025-03-01T10:30:00Z')).toEqual({});
    expect(at('2025-03-01T09:30:00Z')).toEqual({ Digest: 'AccessDenied' });
  });
});

describe('message', () => {
  test('subject at most 100 printable ASCII characters, whatever the trail name and error', () => {
    const error = `Ünïcode\u2014error\nwith a newline ${'x'.repeat(200)}`;
    const { subject, body } = buildNotification(
      't'.repeat(128),
      ARN,
      [{ kind: 'error-appeared', region: 'eu-west-1', channel: 'S3', error }],
      NOW,
    );
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(body).toContain(error);
  });

  test('an unknown error string gets the generic cause and fix', () => {
    const { body } = buildNotification(
      'main',
      ARN,
      [{ kind: 'error-appeared', region: 'eu-west-1', channel: 'CloudWatchLogs', error: 'SomethingNew' }],
      NOW,
    );
    expect(body).toContain('Error (as AWS returned it): SomethingNew');
    expect(body).toContain('no entry for');
  });

  test('catalog: longer codes win over the codes they contain; every entry cites a source', () => {
    expect(lookupError('Sns', 'KMSNotFound').code).toBe('KMSNotFound');
    expect(lookupError('Sns', 'NotFound').code).toBe('NotFound');
    expect(lookupError('S3', 'KMS.NotFoundException').code).toBe('KMS.NotFoundException');
    for (const channel of ['S3', 'Digest', 'CloudWatchLogs', 'Sns'] as const) {
      expect(lookupError(channel, 'AccessDenied').source).toMatch(/https:\/\//);
    }
  });
});

describe('environment', () => {
  test('REGIONS defaults to the home Region of the trail ARN', () => {
    expect(parseConfig(ENV)).toEqual({
      trailArn: ARN,
      trailName: 'main.trail_1',
      regions: ['eu-central-1'],
      metricNamespace: 'Ns',
      topicArn: ENV.TOPIC_ARN,
      stateParameter: '/p',
    });
    expect(parseConfig({ ...ENV, REGIONS: ' ' }).regions).toEqual(['eu-central-1']);
  });

  test('REGIONS: trimmed, deduplicated, validated', () => {
    expect(parseConfig({ ...ENV, REGIONS: 'us-east-1, eu-west-1,,us-east-1' }).regions).toEqual([
      'us-east-1',
      'eu-west-1',
    ]);
    expect(() => parseConfig({ ...ENV, REGIONS: 'us-east-1,Frankfurt' })).toThrow(/REGIONS .*Frankfurt/);
  });

  test('a bad or missing TRAIL_ARN, or a missing variable, is a ConfigError naming it', () => {
    expect(() => parseConfig({ ...ENV, TRAIL_ARN: 'main' })).toThrow(ConfigError);
    expect(() => parseConfig({ ...ENV, TRAIL_ARN: 'arn:aws:s3:::bucket' })).toThrow(/TRAIL_ARN is not a trail ARN/);
    expect(() => parseConfig({ ...ENV, TRAIL_ARN: undefined })).toThrow(/TRAIL_ARN is not set/);
    expect(() => parseConfig({ ...ENV, TOPIC_ARN: '' })).toThrow(/TOPIC_ARN is not set/);
    expect(parseTrailArn('arn:aws-us-gov:cloudtrail:us-gov-west-1:111122223333:trail/t-1')).toEqual({
      partition: 'aws-us-gov',
      region: 'us-gov-west-1',
      account: '111122223333',
      name: 't-1',
    });
  });
});
