import { App, Lazy, Stack } from 'aws-cdk-lib';
import { findingsOn } from './util';
import { SecureTrail } from '../../src';
import { formatFinding } from '../../src/validation/messages';
import { ACCOUNT_ID, ORGANIZATION_ID, REGION_NAME } from '../../src/validation/rules/identifiers';
import { TAG_CHARACTERS_OF_EVERY_RESOURCE } from '../../src/validation/rules/secure-trail';

/*
 * Rules are plain functions: these call them on values, without a synth. The CloudTrail rules read a trail's resolved
 * properties; the identifier rules read props by name.
 */

const advanced = (fieldSelectors: object[]) => ({
  S3BucketName: 'logs',
  IsLogging: true,
  AdvancedEventSelectors: [{ FieldSelectors: fieldSelectors }],
});

describe('CloudTrail rules on resolved properties', () => {
  test('ADVANCED_SELECTORS_MANAGEMENT_EVENT_SOURCE: management events exclude only KMS and RDS Data API events, with NotEquals', () => {
    const management = { Field: 'eventCategory', Equals: ['Management'] };
    expect(
      findingsOn(
        advanced([management, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com', 'rdsdata.amazonaws.com'] }]),
      ),
    ).toEqual([]);
    expect(findingsOn(advanced([management, { Field: 'eventSource', NotEquals: ['s3.amazonaws.com'] }]))).toEqual([
      expect.stringMatching(
        /^\[ADVANCED_SELECTORS_MANAGEMENT_EVENT_SOURCE\] .*NotEquals is not a source a trail can exclude/,
      ),
    ]);
    expect(findingsOn(advanced([management, { Field: 'eventSource', Equals: ['kms.amazonaws.com'] }]))).toEqual([
      expect.stringMatching(/^\[ADVANCED_SELECTORS_MANAGEMENT_EVENT_SOURCE\] .*uses Equals/),
    ]);
  });

  test('ADVANCED_SELECTORS_ERROR_CODE: network activity events filter only on VpceAccessDenied', () => {
    const network = [
      { Field: 'eventCategory', Equals: ['NetworkActivity'] },
      { Field: 'eventSource', Equals: ['s3.amazonaws.com'] },
    ];
    expect(findingsOn(advanced([...network, { Field: 'errorCode', Equals: ['VpceAccessDenied'] }]))).toEqual([]);
    expect(findingsOn(advanced([...network, { Field: 'errorCode', Equals: ['AccessDenied'] }]))).toEqual([
      expect.stringMatching(/^\[ADVANCED_SELECTORS_ERROR_CODE\] .*is not VpceAccessDenied/),
    ]);
  });

  test("AGGREGATION_TEMPLATES: only the API's three templates", () => {
    const aggregation = (templates: string[]) => ({
      S3BucketName: 'logs',
      IsLogging: true,
      AggregationConfigurations: [{ EventCategory: 'Data', Templates: templates }],
    });
    expect(
      findingsOn(aggregation(['API_ACTIVITY', 'RESOURCE_ACCESS', 'USER_ACTIONS'])).filter((f) =>
        f.startsWith('[AGGREGATION_TEMPLATES]'),
      ),
    ).toEqual([]);
    expect(
      findingsOn(aggregation(['API_ACTIVITY', 'EVERYTHING'])).filter((f) => f.startsWith('[AGGREGATION_TEMPLATES]')),
    ).toEqual([expect.stringMatching(/AggregationConfigurations\[0\]\.Templates is not an aggregation template/)]);
  });
});

describe('identifier rules on props', () => {
  test('ACCOUNT_ID: 12 digits, in a prop or in each item of a list; tokens and unset values pass', () => {
    expect(
      ACCOUNT_ID.check({
        managementAccountId: '111122223333',
        accounts: ['111122223333', Lazy.string({ produce: () => 'x' })],
        other: undefined,
      }),
    ).toEqual([]);
    expect(
      ACCOUNT_ID.check({ managementAccountId: '1111-2222-3333', accounts: ['111122223333', '12345'], none: null }).map(
        (f) => [f.at, f.value],
      ),
    ).toEqual([
      ['managementAccountId', '1111-2222-3333'],
      ['accounts[1]', '12345'],
    ]);
  });

  test('ORGANIZATION_ID: o- and 10 to 32 lowercase letters or digits', () => {
    expect(ORGANIZATION_ID.check({ organizationId: 'o-a1b2c3d4e5' })).toEqual([]);
    expect(ORGANIZATION_ID.check({ organizationId: `o-${'a'.repeat(32)}` })).toEqual([]);
    for (const bad of ['o-ABCDEFGHIJ', 'o-abc', `o-${'a'.repeat(33)}`, 'r-abcd', '123456789012']) {
      expect(ORGANIZATION_ID.check({ organizationId: bad }).map((f) => f.value)).toEqual([bad]);
    }
  });

  test('REGION_NAME: Region codes of every partition', () => {
    expect(
      REGION_NAME.check({ regions: ['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-north-1', 'ap-southeast-5'] }),
    ).toEqual([]);
    expect(REGION_NAME.check({ regions: ['US-EAST-1', 'us-east', 'useast1'] }).map((f) => f.at)).toEqual([
      'regions[0]',
      'regions[1]',
      'regions[2]',
    ]);
  });

  test("a finding names the prop as the user wrote it, through the construct's names", () => {
    const [finding] = ORGANIZATION_ID.check({ organizationId: 'o-X' });
    expect(formatFinding(ORGANIZATION_ID, finding, 'App/Table')).toBe(
      "[ORGANIZATION_ID] App/Table: prop organizationId 'o-X' is not an AWS Organizations organization id (o- and 10 to 32 lowercase " +
        "letters or digits). Fix: pass the id shown by 'aws organizations describe-organization', e.g. 'o-a1b2c3d4e5'.",
    );
    const [item] = ACCOUNT_ID.check({ accounts: ['1'] });
    expect(formatFinding(ACCOUNT_ID, item, 'App/Trail', { accounts: 'allowAccountTrails.accounts' })).toMatch(
      /^\[ACCOUNT_ID\] App\/Trail: prop allowAccountTrails\.accounts\[0\] '1' /,
    );
  });
});

describe('SecureTrail prop rules', () => {
  test('TAG_CHARACTERS_OF_EVERY_RESOURCE: a tag key or value with a character IAM or S3 refuses, by the tag it is in', () => {
    expect(
      TAG_CHARACTERS_OF_EVERY_RESOURCE.check({ tags: { team: 'audit', 'cost-center': 'é 1_2.3:4/5=6+7-8@9' } }),
    ).toEqual([]);
    expect(
      TAG_CHARACTERS_OF_EVERY_RESOURCE.check({ tags: { owner: 'a&b', 'x*': 'v' } }).map((f) => [f.at, f.value]),
    ).toEqual([
      ['tags.owner', 'a&b'],
      ['tags.x*', 'x*'],
    ]);
    expect(TAG_CHARACTERS_OF_EVERY_RESOURCE.check({ tags: { t: Lazy.string({ produce: () => '&' }) } })).toEqual([]);
    expect(TAG_CHARACTERS_OF_EVERY_RESOURCE.check({ tags: null })).toEqual([]);
  });

  test('through SecureTrail, the error names the trail and the tag', () => {
    const app = new App();
    new SecureTrail(new Stack(app, 'S', { env: { account: '111111111111', region: 'us-east-1' } }), 'Trail', {
      tags: { owner: 'a&b' },
    });
    expect(() => app.synth()).toThrow(
      /\[TAG_CHARACTERS_OF_EVERY_RESOURCE\] S\/Trail: prop tags\.owner 'a&b' \(a tag value\) has a character IAM and S3 refuse/,
    );
  });
});
