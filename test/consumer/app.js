// A CDK app as a user writes it: it depends on the published package, not on this repository's sources.
const { App, Stack } = require('aws-cdk-lib');
const { SecureTrail, TrailDeliveryMonitor, TrailIntegrityVerifier } = require('cdk-cloudtrail-kit');

const app = new App();
const stack = new Stack(app, 'ConsumerStack', { env: { account: '123456789012', region: 'eu-west-1' } });
const trail = new SecureTrail(stack, 'Trail', { trailName: 'consumer-trail', sendSnsNotifications: true });
// The monitors' Lambda handlers come bundled in the package (assets/): the same files whatever the language.
const health = new TrailDeliveryMonitor(stack, 'DeliveryMonitor', { trail });
new TrailIntegrityVerifier(stack, 'IntegrityVerifier', { trail, topic: health.topic });
app.synth();
