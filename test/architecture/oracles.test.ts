import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

// The test setup (test/setup.ts) makes aws-cdk-lib's own CloudFormation template validation fail synthesis in every
// App the tests create. A template it rejects must therefore fail here, or no test is checked by it.
test('aws-cdk-lib validates every test template, and a finding fails synthesis', () => {
  const app = new App();
  const bucket = new s3.CfnBucket(new Stack(app, 'Oracle'), 'Logs');
  // A bucket whose properties refer to itself: CloudFormation cannot order it (F3004).
  bucket.loggingConfiguration = { destinationBucketName: 'elsewhere', logFilePrefix: bucket.ref };
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    expect(() => app.synth()).toThrow(/Circular dependency with \[Logs -> Logs\] \(CloudFormation Validate\)/);
  } finally {
    quiet.mockRestore();
  }
});
