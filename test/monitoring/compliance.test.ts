import { App } from 'aws-cdk-lib';
import { CisAlarms, SecureTrail, TrailTamperAlert } from '../../src';
import { guardFindings, nagFindings, testStack } from '../helpers';

/** A trail with both monitoring constructs and their default encrypted topics. */
function monitoredTrail(app: App): void {
  const stack = testStack(app);
  const trail = new SecureTrail(stack, 'Trail');
  new CisAlarms(stack, 'Cis', { trail });
  new TrailTamperAlert(stack, 'Tamper', { trail, alarm: true });
}

const MONITORING = /^TestStack\/(Cis|Tamper)\//;

test('the monitoring constructs add no finding of the five cdk-nag packs', () => {
  const app = new App();
  monitoredTrail(app);
  expect(nagFindings(app).filter((f) => MONITORING.test(f.path))).toEqual([]);
});

test('the monitoring constructs add no Control Tower (cfn-guard) finding', () => {
  expect(guardFindings(monitoredTrail).filter((f) => MONITORING.test(f.path))).toEqual([]);
});
