import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecureTrail, SecureTrailProps, TrailLogTable } from '../../src';
import { TemplateResolver } from '../compliance/resolve';
import { ACCOUNT, REGION, testStack } from '../helpers';

/*
 * The projection's location template against the object keys CloudTrail writes and against the bucket policy that
 * lets it write them. The keys are written here from the CloudTrail User Guide, not from the library:
 *   "Finding your CloudTrail log files":
 *     bucket/prefix/AWSLogs/<account>/CloudTrail/<region>/<YYYY>/<MM>/<DD>/<file>       (organization trails:
 *     bucket/prefix/AWSLogs/<o-id>/<account>/CloudTrail/<region>/<YYYY>/<MM>/<DD>/<file>)
 *   "CloudTrail log file name format": <AccountID>_CloudTrail_<RegionName>_<YYYYMMDD>T<HHmm>Z_<UniqueString>.json.gz
 *   digest files:
 * AWSLogs/<account>/CloudTrail-Digest/<region>/<YYYY>/<MM>/<DD>/<account>_CloudTrail-Digest_<region>_<trail>_<trail
 * region>_<YYYYMMDD>T<HHmmss>Z.json.gz
 */

const ORG = 'o-abcdefghij';
const MEMBERS = [ACCOUNT, '222222222222', '333333333333'];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'sa-east-1'];
const TIMES = ['2024-02-29T12:00', '2026-01-01T00:05', '2026-11-23T23:59', '2026-12-31T07:30'];
const UNIQUE = 'Mu0KsOhtH1ar15ZZ';

interface Layout {
  readonly name: string;
  readonly props: SecureTrailProps;
  readonly accounts: string[];
}

const LAYOUTS: Layout[] = [
  { name: 'account trail', props: {}, accounts: [ACCOUNT] },
  { name: 'account trail with a prefix', props: { s3KeyPrefix: 'audit/trails' }, accounts: [ACCOUNT] },
  { name: 'organization trail', props: { organizationId: ORG, managementAccountId: ACCOUNT }, accounts: MEMBERS },
  {
    name: 'organization trail with a prefix',
    props: { organizationId: ORG, managementAccountId: ACCOUNT, s3KeyPrefix: 'org' },
    accounts: MEMBERS,
  },
];

/** The object key CloudTrail writes, as its User Guide documents it. */
function documentedKey(props: SecureTrailProps, account: string, region: string, time: string): string {
  const [, yyyy, mm, dd, hh, min] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(time)!;
  const prefix = props.s3KeyPrefix ? `${props.s3KeyPrefix}/` : '';
  const org = props.organizationId ? `${props.organizationId}/` : '';
  return `${prefix}AWSLogs/${org}${account}/CloudTrail/${region}/${yyyy}/${mm}/${dd}/${account}_CloudTrail_${region}_${yyyy}${mm}${dd}T${hh}${min}Z_${UNIQUE}.json.gz`;
}

function digestKey(props: SecureTrailProps, account: string, region: string): string {
  const prefix = props.s3KeyPrefix ? `${props.s3KeyPrefix}/` : '';
  const org = props.organizationId ? `${props.organizationId}/` : '';
  return `${prefix}AWSLogs/${org}${account}/CloudTrail-Digest/${region}/2026/11/23/${account}_CloudTrail-Digest_${region}_main_us-east-1_20261123T010203Z.json.gz`;
}

/** An IAM resource pattern (`*` and `?`) as a regular expression. */
function arnPattern(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
      .join('')}$`,
  );
}

function synth(layout: Layout) {
  const stack: Stack = testStack();
  const trail = new SecureTrail(stack, 'Trail', layout.props);
  const table = new TrailLogTable(stack, 'Logs', { trail, organizationId: layout.props.organizationId });
  const template = Template.fromStack(stack);
  const resolver = new TemplateResolver(template, ACCOUNT, REGION);
  const tableProps = resolver.properties(stack.getLogicalId(table.cfnTable));
  const bucketName: string = resolver.resolve(stack.resolve(table.bucket.bucketName));
  const policies = Object.keys(template.findResources('AWS::S3::BucketPolicy'))
    .map((id) => resolver.properties(id))
    .filter((p) => p.Bucket === bucketName);
  const write = policies.flatMap((p) => p.PolicyDocument.Statement).find((s: any) => s.Sid === 'AWSCloudTrailWrite');
  return {
    bucketName,
    locationTemplate: tableProps.TableInput.Parameters['storage.location.template'] as string,
    parameters: tableProps.TableInput.Parameters as Record<string, string>,
    partitionKeys: (tableProps.TableInput.PartitionKeys as any[]).map((k) => k.Name as string),
    writeResources: ([] as string[]).concat(write.Resource),
  };
}

describe.each(LAYOUTS)('$name', (layout) => {
  const { bucketName, locationTemplate, parameters, partitionKeys, writeResources } = synth(layout);
  const expand = (account: string, region: string, time: string) =>
    locationTemplate
      .replace('${account}', account)
      .replace('${region}', region)
      .replace('${timestamp}', time.slice(0, 10).replace(/-/g, '/'));
  const cases = layout.accounts.flatMap((account) =>
    REGIONS.flatMap((region) => TIMES.map((time) => ({ account, region, time }))),
  );

  test("the template's placeholders are exactly the partition keys, each projected", () => {
    expect([...locationTemplate.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1])).toEqual(partitionKeys);
    for (const key of partitionKeys) expect(parameters[`projection.${key}.type`]).toMatch(/^(enum|injected|date)$/);
    expect(locationTemplate.startsWith(`s3://${bucketName}/`)).toBe(true);
  });

  test.each(cases)(
    '$account, $region, $time: the expanded template is the folder of the file CloudTrail writes',
    ({ account, region, time }) => {
      const key = `s3://${bucketName}/${documentedKey(layout.props, account, region, time)}`;
      const folder = expand(account, region, time);
      expect(key.startsWith(folder)).toBe(true);
      expect(key.slice(folder.length)).toMatch(/^[^/]+\.json\.gz$/);
    },
  );

  test('every documented key maps back to exactly its own account, Region and day', () => {
    const placeholders = [...locationTemplate.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
    const parts = locationTemplate.split(/\$\{\w+\}/).map((p) => p.replace(/[.+^${}()|[\]\\/]/g, '\\$&'));
    const values: Record<string, string> = {
      account: '(\\d{12})',
      region: '([a-z]+-[a-z]+-\\d)',
      timestamp: '(\\d{4}/\\d{2}/\\d{2})',
    };
    const reader = new RegExp(
      `^${parts.map((p, i) => p + (placeholders[i] ? values[placeholders[i]] : '')).join('')}[^/]+$`,
    );
    for (const { account, region, time } of cases) {
      const match = reader.exec(`s3://${bucketName}/${documentedKey(layout.props, account, region, time)}`);
      expect(match?.slice(1)).toEqual([account, region, time.slice(0, 10).replace(/-/g, '/')]);
    }
  });

  test('every such key is one the bucket policy lets CloudTrail write', () => {
    const patterns = writeResources.map(arnPattern);
    for (const { account, region, time } of cases) {
      const arn = `arn:aws:s3:::${bucketName}/${documentedKey(layout.props, account, region, time)}`;
      expect(patterns.some((p) => p.test(arn))).toBe(true);
    }
  });

  test('digest files are written there too, but the table never reads them', () => {
    const patterns = writeResources.map(arnPattern);
    for (const account of layout.accounts) {
      const key = digestKey(layout.props, account, 'us-east-1');
      expect(patterns.some((p) => p.test(`arn:aws:s3:::${bucketName}/${key}`))).toBe(true);
      for (const time of TIMES) {
        expect(`s3://${bucketName}/${key}`.startsWith(expand(account, 'us-east-1', time))).toBe(false);
      }
    }
  });
});

test("the organization layout is not the account layout: each table reads only its own trail's keys", () => {
  const account = synth(LAYOUTS[0]);
  const organization = synth(LAYOUTS[2]);
  const accountKey = `s3://${account.bucketName}/${documentedKey({}, '222222222222', 'us-east-1', TIMES[0])}`;
  const organizationKey = `s3://${account.bucketName}/${documentedKey({ organizationId: ORG }, '222222222222', 'us-east-1', TIMES[0])}`;
  const expand = (template: string) =>
    template
      .replace('${account}', '222222222222')
      .replace('${region}', 'us-east-1')
      .replace('${timestamp}', '2024/02/29');
  expect(organizationKey.startsWith(expand(organization.locationTemplate))).toBe(true);
  expect(accountKey.startsWith(expand(organization.locationTemplate))).toBe(false);
  expect(organizationKey.startsWith(expand(account.locationTemplate))).toBe(false);
});
