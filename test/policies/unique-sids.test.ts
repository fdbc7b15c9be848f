import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { addWithUniqueSid } from '../../src/private/sids';
import { secondCopy } from '../second-copy';

const write = (action: string) =>
  new iam.PolicyStatement({
    sid: 'Write',
    actions: [action],
    resources: ['arn:aws:s3:::example-logs/*'],
    principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
  });

test('two copies of the library number the Sids of one policy together', () => {
  const other = secondCopy<typeof import('../../src/private/sids')>('private/sids');
  const stack = new Stack();
  const bucket = new s3.Bucket(stack, 'Logs');
  addWithUniqueSid(bucket, write('s3:PutObject'));
  other.addWithUniqueSid(bucket, write('s3:PutObject'));
  other.addWithUniqueSid(bucket, write('s3:GetBucketAcl'));
  addWithUniqueSid(bucket, write('s3:GetObject'));
  const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::S3::BucketPolicy'));
  expect(policy.Properties.PolicyDocument.Statement.map((s: any) => [s.Sid, s.Action])).toEqual([
    ['Write', 's3:PutObject'],
    ['Write2', 's3:GetBucketAcl'],
    ['Write3', 's3:GetObject'],
  ]);
});
