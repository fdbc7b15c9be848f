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

const [key] = ofType('AWS::KMS::Key');
const sids = key.Properties.KeyPolicy.Statement.map((s) => s.Sid);
for (const sid of ['AllowCloudTrailToEncryptLogs', 'AllowCloudTrailToDescribeKey', 'DenyCreateGrantExceptForAwsResources']) {
  assert.ok(sids.includes(sid), `key policy ${sid}`);
}
const topicPolicy = ofType('AWS::SNS::TopicPolicy')[0].Properties.PolicyDocument.Statement;
assert.ok(text(topicPolicy).includes(trailArn), 'topic policy names the trail');
assert.strictEqual(ofType('AWS::IAM::ManagedPolicy').length, 1, 'the delivery role policy');
console.log(`consumer template OK: ${resources.length} resources, trail ${trail.Properties.TrailName}`);
