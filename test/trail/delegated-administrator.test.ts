import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { AggregationTemplate, SecureTrail, SecureTrailProps } from '../../src';
import { TemplateResolver } from '../compliance/resolve';
import { nagFindings, onlyResource, REGION, resourcesOfType, statementWithSid } from '../helpers';
import { secondCopy } from '../second-copy';

/*
 * An organization trail created from a CloudTrail delegated administrator account (the audit account, 333333333333)
 * for the management account 111111111111: managed by ARN through custom resources, since CloudFormation's handler
 * names the trail by name (aws-cdk #26840). Every call is asserted as CloudFormation will send it.
 */

const AUDIT = '333333333333';
const MANAGEMENT = '111111111111';
const ORG = 'o-abcdefghij';
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/org-trail`;

function make(props: SecureTrailProps = {}, configure: (trail: SecureTrail) => void = () => undefined) {
  const app = new App();
  const stack = new Stack(app, 'Audit', { env: { account: AUDIT, region: REGION } });
  const trail = new SecureTrail(stack, 'Trail', {
    trailName: 'org-trail',
    organizationId: ORG,
    managementAccountId: MANAGEMENT,
    ...props,
  });
  configure(trail);
  const template = Template.fromStack(stack);
  const resolver = new TemplateResolver(template, AUDIT, REGION);
  return { app, stack, trail, template, resolver };
}

/**
 * The calls of one custom resource, as the Lambda function receives them (intrinsics resolved for the audit account).
 */
function callsOf(made: ReturnType<typeof make>, type: string) {
  const [[id, resource]] = resourcesOfType(made.template, type);
  const parse = (value: unknown) => (value === undefined ? undefined : JSON.parse(made.resolver.resolve(value)));
  const { Create, Update, Delete } = resource.Properties;
  return { id, resource, create: parse(Create), update: parse(Update), delete: parse(Delete) };
}

function policyOf(made: ReturnType<typeof make>, logicalIdPrefix: string): any[] {
  const [[id]] = resourcesOfType(made.template, 'AWS::IAM::Policy').filter(([i]) => i.startsWith(logicalIdPrefix));
  return made.resolver.properties(id).PolicyDocument.Statement;
}

describe('the trail belongs to the management account', () => {
  const made = make();

  test("its ARN and account are the management account's", () => {
    expect(made.stack.resolve(made.trail.trailArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:${REGION}:${MANAGEMENT}:trail/org-trail`]],
    });
    expect(made.trail.env.account).toBe(MANAGEMENT);
  });

  test('the bucket policy lets only that trail write, to AWSLogs/<management account>/ and AWSLogs/<organization>/', () => {
    const [[id]] = resourcesOfType(made.template, 'AWS::S3::BucketPolicy').filter(
      ([, p]) => p.Properties.Bucket.Ref === 'TrailBucket6C1E344E',
    );
    const write = statementWithSid(made.resolver.properties(id).PolicyDocument.Statement, 'AWSCloudTrailWrite');
    expect(write.Condition.StringEquals['aws:SourceArn']).toBe(TRAIL_ARN);
    expect(write.Resource).toEqual([
      `arn:aws:s3:::trailbucket6c1e344e/AWSLogs/${MANAGEMENT}/*`,
      `arn:aws:s3:::trailbucket6c1e344e/AWSLogs/${ORG}/*`,
    ]);
  });

  test("the key lets only that trail encrypt, with the management account's encryption context", () => {
    const keyId = resourcesOfType(made.template, 'AWS::KMS::Key')[0][0];
    const encrypt = statementWithSid(
      made.resolver.properties(keyId).KeyPolicy.Statement,
      'AllowCloudTrailToEncryptLogs',
    );
    expect(encrypt.Condition).toEqual({
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${MANAGEMENT}:trail/*` },
      StringEquals: { 'aws:SourceArn': TRAIL_ARN },
    });
  });

  test("the CloudWatch Logs role writes the management account's and the member accounts' streams", () => {
    const [[id]] = resourcesOfType(made.template, 'AWS::IAM::ManagedPolicy');
    const streams = made.resolver.properties(id).PolicyDocument.Statement[0].Resource;
    expect(streams).toEqual([
      `arn:aws:logs:${REGION}:${AUDIT}:log-group:/aws/cloudtrail/org-trail:log-stream:${MANAGEMENT}_CloudTrail_${REGION}*`,
      `arn:aws:logs:${REGION}:${AUDIT}:log-group:/aws/cloudtrail/org-trail:log-stream:${ORG}_*`,
    ]);
  });
});

describe('CloudFormation does not create the AWS::CloudTrail::Trail; calls by ARN do', () => {
  const made = make({ tags: { team: 'security' } });

  test('the AWS::CloudTrail::Trail stays as the model, created only in the management account (never, from this stack)', () => {
    const cfnTrail = onlyResource(made.template, 'AWS::CloudTrail::Trail');
    expect(made.template.toJSON().Conditions[cfnTrail.Condition]).toEqual({
      'Fn::Equals': [{ Ref: 'AWS::AccountId' }, MANAGEMENT],
    });
    expect(made.trail.cfnTrail).toBeInstanceOf(cloudtrail.CfnTrail);
  });

  test('CreateTrail with every setting of the model and its tags; UpdateTrail by ARN with every setting; DeleteTrail by ARN', () => {
    const { create, update, delete: onDelete, resource } = callsOf(made, 'Custom::CloudTrailOrganizationTrail');
    const settings = {
      S3BucketName: 'trailbucket6c1e344e',
      KmsKeyId: `arn:aws:kms:${REGION}:${AUDIT}:key/TrailKey31F874A3`,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:${REGION}:${AUDIT}:log-group:/aws/cloudtrail/org-trail:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${AUDIT}:role/TrailCloudWatchLogsRole28C36317`,
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
    };
    expect(create).toEqual({
      service: 'CloudTrail',
      action: 'createTrail',
      parameters: {
        Name: 'org-trail',
        ...settings,
        IsOrganizationTrail: true,
        TagsList: [{ Key: 'team', Value: 'security' }],
      },
      physicalResourceId: { id: TRAIL_ARN },
    });
    expect(update).toEqual({
      service: 'CloudTrail',
      action: 'updateTrail',
      parameters: { Name: TRAIL_ARN, ...settings, S3KeyPrefix: '', SnsTopicName: '' },
      physicalResourceId: { id: TRAIL_ARN },
    });
    expect(onDelete).toEqual({
      service: 'CloudTrail',
      action: 'deleteTrail',
      parameters: { Name: TRAIL_ARN },
      ignoreErrorCodesMatching: '^TrailNotFoundException$',
    });
    // After every policy CloudTrail checks when it creates the trail (the key, log group and role it refers to anyway).
    expect(resource.DependsOn).toEqual([
      'TrailBucketPolicy053FC86D',
      'TrailByArnTrailCustomResourcePolicy767072E0',
      'TrailCloudWatchLogsPolicyB20F52AB',
    ]);
  });

  test('then the selectors, the Insights selectors and last StartLogging, each by ARN, in that order', () => {
    const selectors = callsOf(made, 'Custom::CloudTrailOrganizationTrailEventSelectors');
    expect(selectors.create).toEqual({
      service: 'CloudTrail',
      action: 'putEventSelectors',
      // No selection: every management event, as a trail without selectors logs (and so removing a selection restores
      // it).
      parameters: { TrailName: TRAIL_ARN, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] },
      physicalResourceId: { id: TRAIL_ARN },
    });
    expect(selectors.update).toEqual(selectors.create);
    const insights = callsOf(made, 'Custom::CloudTrailOrganizationTrailInsightSelectors');
    expect(insights.create.parameters).toEqual({ TrailName: TRAIL_ARN, InsightSelectors: [] });
    const logging = callsOf(made, 'Custom::CloudTrailOrganizationTrailLogging');
    expect(logging.create).toEqual({
      service: 'CloudTrail',
      action: 'startLogging',
      parameters: { Name: TRAIL_ARN },
      physicalResourceId: { id: TRAIL_ARN },
    });
    expect(logging.delete).toBeUndefined();
    const trailId = callsOf(made, 'Custom::CloudTrailOrganizationTrail').id;
    expect(selectors.resource.DependsOn).toContain(trailId);
    expect(insights.resource.DependsOn).toContain(selectors.id);
    expect(logging.resource.DependsOn).toContain(insights.id);
    made.template.resourceCountIs('Custom::CloudTrailOrganizationTrailEventConfiguration', 0);
  });

  test("each call's function may make that call on this trail only", () => {
    expect(policyOf(made, 'TrailByArnTrail')).toEqual([
      {
        Sid: 'ManageOrganizationTrail',
        Effect: 'Allow',
        Action: ['cloudtrail:CreateTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:DeleteTrail', 'cloudtrail:AddTags'],
        Resource: TRAIL_ARN,
      },
      {
        Sid: 'PassLogsRoleToCloudTrail',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::${AUDIT}:role/TrailCloudWatchLogsRole28C36317`,
        Condition: { StringEquals: { 'iam:PassedToService': 'cloudtrail.amazonaws.com' } },
      },
      {
        Sid: 'ReadOrganization',
        Effect: 'Allow',
        Action: ['organizations:DescribeOrganization', 'organizations:ListAWSServiceAccessForOrganization'],
        Resource: '*',
      },
      expect.objectContaining({ Sid: 'ReadCloudTrailServiceLinkedRoles', Action: 'iam:GetRole' }),
      expect.objectContaining({ Sid: 'CreateCloudTrailServiceLinkedRoles', Action: 'iam:CreateServiceLinkedRole' }),
    ]);
    expect(policyOf(made, 'TrailByArnEventSelectors')).toEqual([
      { Sid: 'EventSelectors', Effect: 'Allow', Action: 'cloudtrail:PutEventSelectors', Resource: TRAIL_ARN },
    ]);
    expect(policyOf(made, 'TrailByArnInsightSelectors')).toEqual([
      { Sid: 'InsightSelectors', Effect: 'Allow', Action: 'cloudtrail:PutInsightSelectors', Resource: TRAIL_ARN },
    ]);
    expect(policyOf(made, 'TrailByArnLogging')).toEqual([
      { Sid: 'Logging', Effect: 'Allow', Action: 'cloudtrail:StartLogging', Resource: TRAIL_ARN },
    ]);
  });
});

describe('the calls carry the selection, Insights, aggregation and logging state of the model', () => {
  test("advanced selectors, in the API's names (Equals for the L1's equalTo)", () => {
    const made = make({}, (trail) => trail.logAllS3DataEvents());
    const { parameters } = callsOf(made, 'Custom::CloudTrailOrganizationTrailEventSelectors').create;
    expect(parameters.EventSelectors).toBeUndefined();
    expect(parameters.AdvancedEventSelectors[0]).toEqual({
      Name: 'All management events',
      FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
    });
    expect(parameters.AdvancedEventSelectors[1].FieldSelectors).toContainEqual({
      Field: 'resources.ARN',
      NotStartsWith: ['arn:aws:s3:::trailbucket6c1e344e/', 'arn:aws:s3:::trailbucketaccesslogs05227313/'],
    });
  });

  test('basic selectors, with their data resources', () => {
    const made = make({ managementEvents: { readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY } });
    expect(callsOf(made, 'Custom::CloudTrailOrganizationTrailEventSelectors').create.parameters.EventSelectors).toEqual(
      [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }],
    );
  });

  test('Insights and data event aggregation given in props; StopLogging when isLogging is false', () => {
    const made = make(
      {
        insights: [{ insightType: cloudtrail.InsightType.API_ERROR_RATE }],
        dataEventAggregation: [AggregationTemplate.API_ACTIVITY],
        isLogging: false,
      },
      (trail) => trail.logAllS3DataEvents(),
    );
    expect(
      callsOf(made, 'Custom::CloudTrailOrganizationTrailInsightSelectors').create.parameters.InsightSelectors,
    ).toEqual([{ InsightType: 'ApiErrorRateInsight' }]);
    const aggregation = callsOf(made, 'Custom::CloudTrailOrganizationTrailEventConfiguration');
    expect(aggregation.create).toEqual({
      service: 'CloudTrail',
      action: 'putEventConfiguration',
      parameters: {
        TrailName: TRAIL_ARN,
        AggregationConfigurations: [{ EventCategory: 'Data', Templates: ['API_ACTIVITY'] }],
      },
      physicalResourceId: { id: TRAIL_ARN },
    });
    expect(policyOf(made, 'TrailByArnEventConfiguration')[0].Action).toBe('cloudtrail:PutEventConfiguration');
    const logging = callsOf(made, 'Custom::CloudTrailOrganizationTrailLogging');
    expect(logging.create.action).toBe('stopLogging');
    expect(logging.resource.DependsOn).toContain(aggregation.id);
  });

  test('aggregation added after construction cannot be carried: an error says to give it in props', () => {
    expect(() =>
      make({}, (trail) => {
        trail.logAllS3DataEvents();
        trail.aggregateDataEvents([AggregationTemplate.API_ACTIVITY]);
      }),
    ).toThrow(
      /\[AGGREGATION_GIVEN_AT_CONSTRUCTION\] Audit\/Trail: AggregationConfigurations \(prop dataEventAggregation\) was added by aggregateDataEvents\(\) after construction.*Fix: pass 'dataEventAggregation' in the props/,
    );
  });
});

describe('every check of a SecureTrail still applies', () => {
  test('a value CloudTrail would reject fails at synth, naming the prop', () => {
    expect(() => make({ s3KeyPrefix: 'p'.repeat(201) })).toThrow(/s3KeyPrefix/);
  });

  test('the rule packs see the model trail and the calls: no unacknowledged finding', () => {
    const { app } = make();
    expect(nagFindings(app)).toEqual([]);
  });
});

describe("only a delegated administrator's trail is managed by ARN", () => {
  test('in the management account: an ordinary trail', () => {
    const stack = new Stack(new App(), 'Management', { env: { account: MANAGEMENT, region: REGION } });
    new SecureTrail(stack, 'Trail', { organizationId: ORG, managementAccountId: MANAGEMENT });
    const template = Template.fromStack(stack);
    expect(onlyResource(template, 'AWS::CloudTrail::Trail').Condition).toBeUndefined();
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('in a stack whose account is known only at deploy time: an ordinary trail (the accounts cannot be compared)', () => {
    const stack = new Stack(new App(), 'Agnostic');
    new SecureTrail(stack, 'Trail', { organizationId: ORG, managementAccountId: MANAGEMENT });
    Template.fromStack(stack).resourceCountIs('Custom::CloudTrailOrganizationTrail', 0);
  });
});

test('two such trails in one stack: calls of their own, one shared provider function', () => {
  const stack = new Stack(new App(), 'Audit', { env: { account: AUDIT, region: REGION } });
  for (const name of ['org-trail-a', 'org-trail-b']) {
    new SecureTrail(stack, name, {
      trailName: name,
      organizationId: ORG,
      managementAccountId: MANAGEMENT,
      sendToCloudWatchLogs: false,
    });
  }
  const template = Template.fromStack(stack);
  template.resourceCountIs('Custom::CloudTrailOrganizationTrail', 2);
  template.resourceCountIs('AWS::Lambda::Function', 1);
  const ids = resourcesOfType(template, 'Custom::CloudTrailOrganizationTrailLogging').map(([, r]) =>
    JSON.stringify(r.Properties.Create),
  );
  expect(ids[0]).toMatch(/trail\/org-trail-a/);
  expect(ids[1]).toMatch(/trail\/org-trail-b/);
  // One "deployed in the management account" condition for both: two equal ones draw aws-cdk-lib's W9053 warning.
  const trails = resourcesOfType(template, 'AWS::CloudTrail::Trail').map(([, r]) => r.Condition);
  expect(trails[0]).toMatch(/^orgtrailaCreatedInManagementAccount[0-9A-F]{8}$/);
  expect(trails[1]).toBe(trails[0]);
  expect(Object.keys(template.toJSON().Conditions)).toEqual([trails[0]]);
});

test('two such trails from two copies of the library in one stack share the condition', () => {
  const other = secondCopy<typeof import('../../src')>('index');
  const stack = new Stack(new App(), 'Audit', { env: { account: AUDIT, region: REGION } });
  for (const [Trail, name] of [
    [SecureTrail, 'org-trail-a'],
    [other.SecureTrail, 'org-trail-b'],
  ] as const) {
    new Trail(stack, name, { trailName: name, organizationId: ORG, managementAccountId: MANAGEMENT });
  }
  const template = Template.fromStack(stack);
  const trails = resourcesOfType(template, 'AWS::CloudTrail::Trail').map(([, r]) => r.Condition);
  expect(trails).toEqual([expect.stringMatching(/^orgtrailaCreatedInManagementAccount[0-9A-F]{8}$/), trails[0]]);
  expect(Object.keys(template.toJSON().Conditions)).toEqual([trails[0]]);
});

describe('checked afresh at each synth', () => {
  // A trail whose CfnTrail is under a condition is read only by its own rules: an override made after a first synth
  // must still be read on the next.
  test('an override made after a first synth is checked on the next', () => {
    const made = make();
    made.app.synth();
    made.trail.cfnTrail.addPropertyOverride('TrailName', 'org..trail');
    expect(() => made.app.synth({ force: true })).toThrow(
      /\[TRAIL_NAME_ADJACENT_PUNCTUATION\] Audit\/Trail: TrailName/,
    );
  });
});
