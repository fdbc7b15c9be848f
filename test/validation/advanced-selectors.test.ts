import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { rawTrail, rule } from './util';

type Field = CfnTrail.AdvancedFieldSelectorProperty;
const selector = (...fieldSelectors: Field[]): CfnTrail.AdvancedEventSelectorProperty => ({ fieldSelectors });
const category = (c: string): Field => ({ field: 'eventCategory', equalTo: [c] });
const s3Type: Field = { field: 'resources.type', equalTo: ['AWS::S3::Object'] };
const trailWith = (...advancedEventSelectors: CfnTrail.AdvancedEventSelectorProperty[]) =>
  rawTrail({ advancedEventSelectors });

describe('ADVANCED_SELECTORS_FIELD_SELECTORS_REQUIRED', () => {
  test('no field selectors fail', () => {
    expect(trailWith(selector()).synth).toThrow(rule('ADVANCED_SELECTORS_FIELD_SELECTORS_REQUIRED'));
  });
  test('one field selector passes', () => {
    expect(trailWith(selector(category('Management'))).synth).not.toThrow();
  });
});

describe('ADVANCED_SELECTORS_EVENT_CATEGORY', () => {
  test.each(['Management', 'Data', 'NetworkActivity'])('%p is a trail category', (c) => {
    const extra: Field[] =
      c === 'Data'
        ? [s3Type]
        : c === 'NetworkActivity'
          ? [{ field: 'eventSource', equalTo: ['ec2.amazonaws.com'] }]
          : [];
    expect(trailWith(selector(category(c), ...extra)).synth).not.toThrow();
  });
  test.each(['Insight', 'ConfigurationItem', 'Evidence', 'ActivityAuditLog', 'management'])('%p is not', (c) => {
    expect(trailWith(selector(category(c))).synth).toThrow(
      /\[ADVANCED_SELECTORS_EVENT_CATEGORY\] TestStack\/Trail: AdvancedEventSelectors\[0\]\.FieldSelectors\[0\]\.Equals \(prop advancedEventSelectors\)/,
    );
  });
  test('a selector without eventCategory fails', () => {
    expect(trailWith(selector({ field: 'readOnly', equalTo: ['true'] })).synth).toThrow(
      rule('ADVANCED_SELECTORS_EVENT_CATEGORY'),
    );
  });
});

describe('ADVANCED_SELECTORS_FIELD_NOT_ALLOWED', () => {
  test.each([
    ['Management', 'eventSource'],
    ['Management', 'readOnly'],
    ['Data', 'eventName'],
    ['Data', 'resources.ARN'],
    ['Data', 'sessionCredentialFromConsole'],
    ['Data', 'userIdentity.arn'],
    ['Data', 'eventType'],
    ['NetworkActivity', 'vpcEndpointId'],
    ['NetworkActivity', 'userIdentity.arn'],
    ['NetworkActivity', 'eventName'],
  ])('%p selectors may use %p', (c, field) => {
    const required: Field[] =
      c === 'Data'
        ? [s3Type]
        : c === 'NetworkActivity'
          ? [{ field: 'eventSource', equalTo: ['kms.amazonaws.com'] }]
          : [];
    const value = field === 'readOnly' ? 'true' : 'x';
    const extra =
      field === 'eventSource' && c === 'Management' ? { notEquals: ['kms.amazonaws.com'] } : { equalTo: [value] };
    expect(trailWith(selector(category(c), ...required, { field, ...extra })).synth).not.toThrow();
  });
  test.each([
    ['Management', 'eventName'],
    ['Management', 'resources.ARN'],
    ['Management', 'userIdentity.arn'],
    ['Data', 'vpcEndpointId'],
    ['Data', 'errorCode'],
    ['NetworkActivity', 'resources.ARN'],
    ['NetworkActivity', 'readOnly'],
    ['Management', 'nonsense'],
  ])('%p selectors may not use %p', (c, field) => {
    const required: Field[] =
      c === 'Data'
        ? [s3Type]
        : c === 'NetworkActivity'
          ? [{ field: 'eventSource', equalTo: ['kms.amazonaws.com'] }]
          : [];
    expect(trailWith(selector(category(c), ...required, { field, equalTo: ['x'] })).synth).toThrow(
      rule('ADVANCED_SELECTORS_FIELD_NOT_ALLOWED'),
    );
  });
});

describe('ADVANCED_SELECTORS_EQUALS_ONLY', () => {
  test.each([
    [{ field: 'readOnly', notEquals: ['true'] }],
    [{ field: 'resources.type', startsWith: ['AWS::S3'] }],
    [{ field: 'eventCategory', equalTo: ['Data'], notEquals: ['Management'] }],
  ])('%p fails', (fs) => {
    expect(trailWith(selector(category('Data'), s3Type, fs as Field)).synth).toThrow(
      rule('ADVANCED_SELECTORS_EQUALS_ONLY'),
    );
  });
  test('errorCode with NotEquals fails', () => {
    const sel = selector(
      category('NetworkActivity'),
      { field: 'eventSource', equalTo: ['ec2.amazonaws.com'] },
      { field: 'errorCode', notEquals: ['X'] },
    );
    expect(trailWith(sel).synth).toThrow(rule('ADVANCED_SELECTORS_EQUALS_ONLY'));
  });
  test('errorCode with Equals passes', () => {
    const sel = selector(
      category('NetworkActivity'),
      { field: 'eventSource', equalTo: ['ec2.amazonaws.com'] },
      { field: 'errorCode', equalTo: ['VpceAccessDenied'] },
    );
    expect(trailWith(sel).synth).not.toThrow();
  });
});

describe('ADVANCED_SELECTORS_READ_ONLY_VALUE', () => {
  test.each(['true', 'false'])('%p passes', (v) => {
    expect(trailWith(selector(category('Management'), { field: 'readOnly', equalTo: [v] })).synth).not.toThrow();
  });
  test.each(['yes', '1', 'read'])('%p fails', (v) => {
    expect(trailWith(selector(category('Management'), { field: 'readOnly', equalTo: [v] })).synth).toThrow(
      rule('ADVANCED_SELECTORS_READ_ONLY_VALUE'),
    );
  });
});

describe('ADVANCED_SELECTORS_DATA_RESOURCES_TYPE', () => {
  test('a Data selector without resources.type fails', () => {
    expect(trailWith(selector(category('Data'), { field: 'eventName', equalTo: ['PutObject'] })).synth).toThrow(
      rule('ADVANCED_SELECTORS_DATA_RESOURCES_TYPE'),
    );
  });
  test('two resources.type field selectors fail', () => {
    expect(
      trailWith(selector(category('Data'), s3Type, { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] }))
        .synth,
    ).toThrow(rule('ADVANCED_SELECTORS_DATA_RESOURCES_TYPE'));
  });
  test('one passes, whatever the type (the list keeps growing)', () => {
    expect(
      trailWith(selector(category('Data'), { field: 'resources.type', equalTo: ['AWS::Bedrock::Guardrail'] })).synth,
    ).not.toThrow();
  });
});

describe('ADVANCED_SELECTORS_NETWORK_EVENT_SOURCE', () => {
  // AWS adds services to network activity events over time (s3.amazonaws.com among them): any service endpoint passes.
  test.each([
    'cloudtrail.amazonaws.com',
    'ec2.amazonaws.com',
    'kms.amazonaws.com',
    'secretsmanager.amazonaws.com',
    's3.amazonaws.com',
  ])('%p passes', (src) => {
    expect(
      trailWith(selector(category('NetworkActivity'), { field: 'eventSource', equalTo: [src] })).synth,
    ).not.toThrow();
  });
  test.each(['s3', 'ec2.amazonaws.com.evil', 'EC2.AMAZONAWS.COM'])('%p fails', (src) => {
    expect(trailWith(selector(category('NetworkActivity'), { field: 'eventSource', equalTo: [src] })).synth).toThrow(
      rule('ADVANCED_SELECTORS_NETWORK_EVENT_SOURCE'),
    );
  });
  test('a missing eventSource fails', () => {
    expect(trailWith(selector(category('NetworkActivity'))).synth).toThrow(
      rule('ADVANCED_SELECTORS_NETWORK_EVENT_SOURCE'),
    );
  });
  test('two sources in one field selector fail', () => {
    expect(
      trailWith(
        selector(category('NetworkActivity'), {
          field: 'eventSource',
          equalTo: ['ec2.amazonaws.com', 'kms.amazonaws.com'],
        }),
      ).synth,
    ).toThrow(rule('ADVANCED_SELECTORS_NETWORK_EVENT_SOURCE'));
  });
  test('StartsWith fails', () => {
    expect(
      trailWith(selector(category('NetworkActivity'), { field: 'eventSource', startsWith: ['ec2'] })).synth,
    ).toThrow(rule('ADVANCED_SELECTORS_NETWORK_EVENT_SOURCE'));
  });
});

describe('ADVANCED_SELECTORS_EMPTY_OPERATOR', () => {
  test('an empty operator list fails', () => {
    expect(trailWith(selector(category('Data'), s3Type, { field: 'resources.ARN', startsWith: [] })).synth).toThrow(
      rule('ADVANCED_SELECTORS_EMPTY_OPERATOR'),
    );
  });
});

describe('ADVANCED_SELECTORS_VALUE_COUNT', () => {
  // eventCategory and resources.type hold one value each.
  const arns = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket-${i}/`);
  test('500 values pass, 501 fail', () => {
    expect(
      trailWith(selector(category('Data'), s3Type, { field: 'resources.ARN', startsWith: arns(498) })).synth,
    ).not.toThrow();
    expect(
      trailWith(selector(category('Data'), s3Type, { field: 'resources.ARN', startsWith: arns(499) })).synth,
    ).toThrow(/\[ADVANCED_SELECTORS_VALUE_COUNT\].*'501 values'/);
  });
  test('values are counted across selectors', () => {
    const a = selector(category('Data'), s3Type, { field: 'resources.ARN', startsWith: arns(248) });
    const b = selector(category('Data'), s3Type, { field: 'resources.ARN', startsWith: arns(249) });
    expect(trailWith(a, b).synth).toThrow(rule('ADVANCED_SELECTORS_VALUE_COUNT'));
  });
});

describe('ADVANCED_SELECTORS_VALUE_LENGTH', () => {
  const withArn = (v: string) =>
    trailWith(selector(category('Data'), s3Type, { field: 'resources.ARN', startsWith: [v] }));
  test('1 and 2048 characters pass', () => {
    expect(withArn('a').synth).not.toThrow();
    expect(withArn('a'.repeat(2048)).synth).not.toThrow();
  });
  test('0 and 2049 characters fail', () => {
    expect(withArn('').synth).toThrow(rule('ADVANCED_SELECTORS_VALUE_LENGTH'));
    expect(withArn('a'.repeat(2049)).synth).toThrow(rule('ADVANCED_SELECTORS_VALUE_LENGTH'));
  });
});

describe('ADVANCED_SELECTORS_NAME_LENGTH', () => {
  test('1000 characters pass, 1001 fail', () => {
    expect(trailWith({ name: 'n'.repeat(1000), fieldSelectors: [category('Management')] }).synth).not.toThrow();
    expect(trailWith({ name: 'n'.repeat(1001), fieldSelectors: [category('Management')] }).synth).toThrow(
      rule('ADVANCED_SELECTORS_NAME_LENGTH'),
    );
  });
});
