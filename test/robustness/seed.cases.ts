import { Stack } from 'aws-cdk-lib';
import { RobustnessCase } from './harness';
import { SecureTrail } from '../../src';

const env = { account: '111111111111', region: 'us-east-1' };

/** Cases that fix the harness's behaviour: one that synthesizes, one our rules reject. */
export const SEED_CASES: RobustnessCase[] = [
  {
    name: 'a default SecureTrail synthesizes',
    source:
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-a-trail-using-the-console-first-time.html',
    make: (app) => {
      new SecureTrail(new Stack(app, 'Stack', { env }), 'Trail');
    },
  },
  {
    name: 'a trail name of 129 characters is rejected',
    source: 'CloudTrail API Reference, CreateTrail, Name: 3 to 128 characters',
    make: (app) => {
      new SecureTrail(new Stack(app, 'Stack', { env }), 'Trail', { trailName: 'a'.repeat(129) });
    },
    rejects: { path: 'Stack/Trail', prop: 'trailName', value: 'aaaa', fix: 'Fix:' },
  },
];
