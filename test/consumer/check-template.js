// Asserts the consumer app's synthesized template: the trail and the policies that make it deploy.
const fs = require('fs');
const assert = require('assert');

const template = JSON.parse(fs.readFileSync(process.argv[2], 'utf-8'));
const resources = Object.values(template.Resources);
const ofType = (type) => resources.filter((r) => r.Type === type);
const text = (value) => JSON.stringify(value);
const trailArn = 'cloudtrail:eu-west-1:123456789012:trail/consumer-trail';

const [trail] = ofType('AWS::CloudTrail::Trail');
assert.ok(trail, 'a trail');
assert.strictEqual(trail.Properties.TrailName, 'consumer-trail');
for (const flag of ['IsMultiRegionTrail', 'IncludeGlobalServiceEvents', 'EnableLogFileValidation', 'IsLogging']) {
  assert.strictEqual(trail.Properties[flag], true, flag);
}
assert.ok(trail.Properties.KMSKeyId && trail.Properties.CloudWatchLogsRoleArn && trail.Properties.SnsTopicName, 'KMS, CloudWatch Logs and SNS');
// The trail refers to its bucket, key, role and topic; it must also wait for the policies it does not refer to.
const logicalIdsOf = (type) => Object.entries(template.Resources).filter(([, r]) => r.Type === type).map(([id]) => id);
for (const type of ['AWS::S3::BucketPolicy', 'AWS::IAM::ManagedPolicy', 'AWS::SNS::TopicPolicy']) {
  assert.ok(logicalIdsOf(type).some((id) => (trail.DependsOn || []).includes(id)), `the trail waits for its ${type}`);
}

const bucketPolicies = ofType('AWS::S3::BucketPolicy').map((p) => p.Properties.PolicyDocument.Statement).flat();
const write = bucketPolicies.find((s) => s.Sid === 'AWSCloudTrailWrite');
assert.ok(write && text(write.Condition).includes(trailArn) && text(write.Condition).includes('bucket-owner-full-control'), 'bucket write statement');

const key = ofType('AWS::KMS::Key').find((k) => k.Properties.KeyPolicy.Statement.some((s) => s.Sid === 'AllowCloudTrailToEncryptLogs'));
const sids = key.Properties.KeyPolicy.Statement.map((s) => s.Sid);
for (const sid of ['AllowCloudTrailToEncryptLogs', 'AllowCloudTrailToDescribeKey', 'DenyCreateGrantExceptForAwsResources']) {
  assert.ok(sids.includes(sid), `key policy ${sid}`);
}
const topicPolicy = ofType('AWS::SNS::TopicPolicy')[0].Properties.PolicyDocument.Statement;
assert.ok(text(topicPolicy).includes(trailArn), 'topic policy names the trail');
assert.strictEqual(ofType('AWS::IAM::ManagedPolicy').length, 1, 'the delivery role policy');
// The monitors' three functions run the packaged bundles: each asset folder holds the handler, which leaves the AWS SDK
// to the runtime.
const path = require('path');
const functions = ofType('AWS::Lambda::Function').filter((f) => f.Properties.Runtime === 'nodejs24.x');
assert.strictEqual(functions.length, 3, 'the delivery monitor, the verifier and its sweep');
const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(process.argv[2]), 'ConsumerStack.assets.json'), 'utf-8'));
for (const fn of functions) {
  const hash = fn.Properties.Code.S3Key.replace(/\.zip$/, '');
  const source = manifest.files[hash].source.path;
  const handler = fs.readFileSync(path.join(path.dirname(process.argv[2]), source, 'index.js'), 'utf-8');
  assert.ok(handler.includes('handler: () => handler'), `${source} exports the handler index.handler names`);
  assert.strictEqual(fn.Properties.Handler, 'index.handler');
  assert.ok(handler.includes('require("@aws-sdk/'), `${source} leaves the AWS SDK to the runtime`);
}
console.log(`consumer template OK: ${resources.length} resources, trail ${trail.Properties.TrailName}`);
