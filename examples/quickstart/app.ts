import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { SecureTrail } from '../../src';

const app = new App();

// No `env`: the stack synthesizes without credentials and deploys to whatever account and Region the CLI uses.
const stack = new Stack(app, 'CloudTrailQuickStart', {
  description: 'A multi-Region CloudTrail trail with a hardened, KMS-encrypted log bucket and CloudWatch Logs delivery',
});

const trail = new SecureTrail(stack, 'AuditTrail');

new CfnOutput(stack, 'TrailArn', { value: trail.trailArn });
new CfnOutput(stack, 'LogBucketName', { value: trail.logBucket.bucketName });

app.synth();
