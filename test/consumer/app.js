// A CDK app as a user writes it: it depends on the published package, not on this repository's sources.
const { App, Stack } = require('aws-cdk-lib');
const { SecureTrail } = require('cdk-cloudtrail-kit');

const app = new App();
const stack = new Stack(app, 'ConsumerStack', { env: { account: '123456789012', region: 'eu-west-1' } });
new SecureTrail(stack, 'Trail', { trailName: 'consumer-trail', sendSnsNotifications: true });
app.synth();
