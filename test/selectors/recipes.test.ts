import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ACCOUNT, fixtures, ruleFindings, toCloudFormation } from './evaluator';
import { ManagementEventSource, NetworkActivitySource } from '../../src/selectors';
import { RenderContext, renderEventSelection } from '../../src/selectors/render';
import { TrailEventSelection } from '../../src/selectors/selection';

// Each recipe of docs/event-selection.md, rendered as SecureTrail renders it, with the template JSON the
// CloudTrail User Guide gives for the same need (Logging data events, Logging management events, Logging
// network activity events).

function render(selection: TrailEventSelection, context: Partial<RenderContext> = {}) {
  const rendered = renderEventSelection(selection, { partition: 'aws', ...context });
  expect(ruleFindings(rendered)).toEqual([]);
  const template = toCloudFormation({
    eventSelectors: rendered.eventSelectors,
    advancedEventSelectors: rendered.advancedEventSelectors,
  });
  return { ...rendered, template };
}

describe('recipes', () => {
  test('nothing selected renders nothing, so CloudTrail logs all management events', () => {
    const rendered = render(new TrailEventSelection());
    expect(rendered.template).toEqual({});
    expect(rendered.insightSelectors).toBeUndefined();
    expect(rendered.aggregationConfigurations).toBeUndefined();
  });

  test("CIS 3.8/3.9: S3 object reads and writes in all buckets, the trail's own buckets excluded", () => {
    const { bucket } = fixtures();
    const selection = new TrailEventSelection();
    selection.addAllS3ObjectEvents();
    const rendered = render(selection, { ownBuckets: [bucket('trail-logs'), bucket('trail-access-logs')] });
    expect(rendered.template).toEqual({
      AdvancedEventSelectors: [
        { Name: 'All management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        {
          Name: 'S3 object events of all buckets',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            { Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::trail-logs/', 'arn:aws:s3:::trail-access-logs/'] },
          ],
        },
      ],
    });
    expect(rendered.notes).toEqual([
      expect.stringContaining(
        "S3 data events of the trail's own buckets Fixtures/trail-logs and Fixtures/trail-access-logs",
      ),
    ]);
  });

  test("CIS 3.8/3.9 with the guard off is the User Guide's basic selector for all buckets", () => {
    const { bucket } = fixtures();
    const selection = new TrailEventSelection({ allowLogBucketDataEvents: true });
    selection.addAllS3ObjectEvents();
    const rendered = render(selection, { ownBuckets: [bucket('trail-logs')] });
    expect(rendered.template).toEqual({
      EventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }],
        },
      ],
    });
    expect(rendered.notes).toEqual([]);
  });

  test('Lambda invocations of all functions', () => {
    const selection = new TrailEventSelection();
    selection.addAllLambdaInvocations();
    expect(render(selection).template).toEqual({
      EventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }],
        },
      ],
    });
  });

  test('Lambda invocations of two functions', () => {
    const { fn } = fixtures();
    const selection = new TrailEventSelection();
    selection.addLambdaInvocations([fn('a'), fn('b')]);
    expect(render(selection).template).toEqual({
      EventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [
            {
              Type: 'AWS::Lambda::Function',
              Values: [
                `arn:aws:lambda:us-east-1:${ACCOUNT}:function:a`,
                `arn:aws:lambda:us-east-1:${ACCOUNT}:function:b`,
              ],
            },
          ],
        },
      ],
    });
  });

  test('one DynamoDB table', () => {
    const { table } = fixtures();
    const selection = new TrailEventSelection();
    selection.addDynamoDbTables([table('orders')]);
    expect(render(selection).template).toEqual({
      EventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [
            { Type: 'AWS::DynamoDB::Table', Values: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`] },
          ],
        },
      ],
    });
  });

  test("exclude AWS KMS events: the User Guide's selector", () => {
    const selection = new TrailEventSelection();
    selection.logManagementEvents({ excludeEventSources: [ManagementEventSource.KMS] });
    expect(render(selection).template).toEqual({
      EventSelectors: [
        { ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: ['kms.amazonaws.com'] },
      ],
    });
  });

  test('exclude AWS KMS events in advanced form: eventSource NotEquals, as the User Guide shows', () => {
    const selection = new TrailEventSelection();
    selection.logManagementEvents({ excludeEventSources: [ManagementEventSource.KMS] });
    expect(render(selection, { forceAdvanced: true }).template).toEqual({
      AdvancedEventSelectors: [
        {
          Name: 'All management events except from kms.amazonaws.com',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] },
          ],
        },
      ],
    });
  });

  test('write-only management events: read and write keep their basic meaning', () => {
    const selection = new TrailEventSelection();
    selection.logManagementEvents({ readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY });
    expect(render(selection).template).toEqual({
      EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }],
    });
  });

  test('network activity denied by VPC endpoint policies, for two services through one endpoint', () => {
    const { stack } = fixtures();
    const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Endpoint', {
      vpcEndpointId: 'vpce-0123456789abcdef0',
      port: 443,
    });
    const selection = new TrailEventSelection();
    selection.addNetworkActivityEvents({
      sources: [NetworkActivitySource.EC2, NetworkActivitySource.KMS],
      vpcEndpoints: [endpoint],
      accessDeniedOnly: true,
    });
    const network = (source: string) => ({
      Name: `Network activity denied by VPC endpoint policies for ${source} via Fixtures/Endpoint`,
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['NetworkActivity'] },
        { Field: 'eventSource', Equals: [source] },
        { Field: 'errorCode', Equals: ['VpceAccessDenied'] },
        { Field: 'vpcEndpointId', Equals: ['vpce-0123456789abcdef0'] },
      ],
    });
    expect(render(selection).template).toEqual({
      AdvancedEventSelectors: [
        { Name: 'All management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        network('ec2.amazonaws.com'),
        network('kms.amazonaws.com'),
      ],
    });
  });
});
