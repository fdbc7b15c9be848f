import { CfnParameter, Duration, Lazy, Size, Stack } from 'aws-cdk-lib';
import {
  ATHENA_BYTES_SCANNED_CUTOFF,
  ATHENA_ENFORCE_WORKGROUP_CONFIGURATION,
  ATHENA_NAMED_QUERY_DESCRIPTION,
  ATHENA_NAMED_QUERY_NAME,
  ATHENA_QUERY_STRING_SIZE,
  ATHENA_RESULT_LOCATION,
  ATHENA_WORKGROUP_DESCRIPTION,
  ATHENA_WORKGROUP_NAME,
  QUERY_LOGS_SINCE,
  QUERY_NAME_UNIQUE,
  QUERY_PROJECTED_VALUES,
  QUERY_RESULTS_EXPIRATION,
  QUERY_S3_KEY_PREFIX_LENGTH,
  QUERY_SAME_ENVIRONMENT,
  QUERY_SIZE_IN_BYTES,
} from '../../src/validation/rules/athena';

/* The Athena rules as functions: over AWS::Athena::WorkGroup and AWS::Athena::NamedQuery properties, and over props. */

const workGroup = (configuration: object = {}, props: object = {}) => ({
  Name: 'incident-response',
  State: 'ENABLED',
  ...props,
  WorkGroupConfiguration: {
    EnforceWorkGroupConfiguration: true,
    BytesScannedCutoffPerQuery: 10_000_000,
    ResultConfiguration: { OutputLocation: 's3://results/' },
    ...configuration,
  },
});
const query = (props: object = {}) => ({
  Name: 'CloudTrail: root',
  Description: 'Root user activity',
  Database: 'cloudtrail',
  QueryString: 'SELECT 1',
  WorkGroup: 'primary',
  ...props,
});

describe('workgroups', () => {
  test("ATHENA_WORKGROUP_NAME: 1 to 128 of [a-zA-Z0-9._-], on a workgroup and on a saved query's WorkGroup", () => {
    expect(ATHENA_WORKGROUP_NAME.check(workGroup())).toEqual([]);
    expect(ATHENA_WORKGROUP_NAME.check(workGroup({}, { Name: 'incident response' }))).toHaveLength(1);
    expect(ATHENA_WORKGROUP_NAME.check(workGroup({}, { Name: 'w'.repeat(129) }))).toHaveLength(1);
    expect(ATHENA_WORKGROUP_NAME.check(query({ WorkGroup: 'my/wg' })).map((f) => f.at)).toEqual(['WorkGroup']);
    expect(ATHENA_WORKGROUP_NAME.check(query({ WorkGroup: { Ref: 'WorkGroup' } }))).toEqual([]);
  });

  test('ATHENA_WORKGROUP_DESCRIPTION: at most 1,024', () => {
    expect(ATHENA_WORKGROUP_DESCRIPTION.check(workGroup({}, { Description: 'd'.repeat(1024) }))).toEqual([]);
    expect(ATHENA_WORKGROUP_DESCRIPTION.check(workGroup({}, { Description: 'd'.repeat(1025) }))).toHaveLength(1);
  });

  test('ATHENA_RESULT_LOCATION: an s3:// URI', () => {
    expect(
      ATHENA_RESULT_LOCATION.check(
        workGroup({ ResultConfiguration: { OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: 'B' }, '/']] } } }),
      ),
    ).toEqual([]);
    expect(
      ATHENA_RESULT_LOCATION.check(workGroup({ ResultConfiguration: { OutputLocation: 'results-bucket/' } })),
    ).toHaveLength(1);
    expect(ATHENA_RESULT_LOCATION.check(workGroup({ ResultConfiguration: undefined }))).toEqual([]);
  });

  test('ATHENA_ENFORCE_WORKGROUP_CONFIGURATION: warns when clients may override the configuration', () => {
    expect(ATHENA_ENFORCE_WORKGROUP_CONFIGURATION.check(workGroup())).toEqual([]);
    expect(
      ATHENA_ENFORCE_WORKGROUP_CONFIGURATION.check(workGroup({ EnforceWorkGroupConfiguration: 'false' })),
    ).toHaveLength(1);
    expect(ATHENA_ENFORCE_WORKGROUP_CONFIGURATION.severity).toBe('warning');
  });

  test('ATHENA_BYTES_SCANNED_CUTOFF: at least 10,000,000 bytes; a parameter passes', () => {
    expect(ATHENA_BYTES_SCANNED_CUTOFF.check(workGroup({ BytesScannedCutoffPerQuery: 9_999_999 }))[0].value).toBe(
      '9999999 bytes',
    );
    expect(ATHENA_BYTES_SCANNED_CUTOFF.check(workGroup({ BytesScannedCutoffPerQuery: { Ref: 'Bytes' } }))).toEqual([]);
  });
});

describe('saved queries', () => {
  test('ATHENA_NAMED_QUERY_NAME and ATHENA_NAMED_QUERY_DESCRIPTION: 1 to 128 and 1 to 1,024 characters', () => {
    expect([...ATHENA_NAMED_QUERY_NAME.check(query()), ...ATHENA_NAMED_QUERY_DESCRIPTION.check(query())]).toEqual([]);
    expect(ATHENA_NAMED_QUERY_NAME.check(query({ Name: '' }))).toHaveLength(1);
    expect(ATHENA_NAMED_QUERY_DESCRIPTION.check(query({ Description: 'd'.repeat(1025) }))).toHaveLength(1);
  });

  test('ATHENA_QUERY_STRING_SIZE: 262,144 bytes of UTF-8, not characters', () => {
    expect(ATHENA_QUERY_STRING_SIZE.check(query({ QueryString: 'x'.repeat(262144) }))).toEqual([]);
    expect(ATHENA_QUERY_STRING_SIZE.check(query({ QueryString: 'é'.repeat(131073) }))[0].problem).toMatch(
      /262146 bytes/,
    );
  });
});

describe("rules over the query constructs' props", () => {
  const at = (path: string, account: string, region: string) => ({ path, account, region });

  test('QUERY_SAME_ENVIRONMENT: both values named; tokens never reported', () => {
    const stack = new Stack();
    expect(
      QUERY_SAME_ENVIRONMENT.check({
        own: at('A/W', '111111111111', 'us-east-1'),
        given: { table: at('B/T', '111111111111', 'us-east-1') },
      }),
    ).toEqual([]);
    expect(
      QUERY_SAME_ENVIRONMENT.check({
        own: at('A/W', stack.account, stack.region),
        given: { table: at('B/T', '222222222222', 'eu-west-1') },
      }),
    ).toEqual([]);
    expect(
      QUERY_SAME_ENVIRONMENT.check({
        own: at('A/W', '111111111111', 'us-east-1'),
        given: { table: at('B/T', '222222222222', 'us-east-1'), none: undefined },
      }),
    ).toEqual([
      {
        at: 'table',
        value: 'B/T',
        problem: expect.stringMatching(/^is in account 222222222222, but this construct is in account 111111111111;/),
      },
    ]);
  });

  test('QUERY_PROJECTED_VALUES: not empty, no commas, each once; null and tokens pass', () => {
    expect(
      QUERY_PROJECTED_VALUES.check({ accounts: null, regions: ['us-east-1', Lazy.string({ produce: () => 'x' })] }),
    ).toEqual([]);
    expect(QUERY_PROJECTED_VALUES.check({ regions: [] })).toHaveLength(1);
    expect(QUERY_PROJECTED_VALUES.check({ regions: ['a,b', 'c', 'c'] }).map((f) => f.at)).toEqual([
      'regions[0]',
      'regions[2]',
    ]);
  });

  test('QUERY_LOGS_SINCE: a day that exists, as yyyy/MM/dd', () => {
    for (const good of ['2013/11/01', '2024/02/29', null, undefined]) {
      expect(QUERY_LOGS_SINCE.check({ logsSince: good })).toEqual([]);
    }
    for (const bad of ['2023/02/29', '2024-01-31', '2024/1/31']) {
      expect(QUERY_LOGS_SINCE.check({ logsSince: bad })).toHaveLength(1);
    }
  });

  test('QUERY_S3_KEY_PREFIX_LENGTH: 200 at most', () => {
    expect(QUERY_S3_KEY_PREFIX_LENGTH.check({ s3KeyPrefix: 'p'.repeat(200) })).toEqual([]);
    expect(QUERY_S3_KEY_PREFIX_LENGTH.check({ s3KeyPrefix: 'p'.repeat(201) })).toHaveLength(1);
  });

  test('QUERY_RESULTS_EXPIRATION: whole days, one at least', () => {
    expect(QUERY_RESULTS_EXPIRATION.check({ resultsExpiration: Duration.days(1) })).toEqual([]);
    expect(QUERY_RESULTS_EXPIRATION.check({ resultsExpiration: Duration.hours(36) })).toHaveLength(1);
    expect(QUERY_RESULTS_EXPIRATION.check({ resultsExpiration: null })).toEqual([]);
  });

  test('QUERY_SIZE_IN_BYTES: a deploy-time size only in bytes', () => {
    const stack = new Stack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    expect(QUERY_SIZE_IN_BYTES.check({ bytesScannedCutoffPerQuery: Size.bytes(n) })).toEqual([]);
    expect(QUERY_SIZE_IN_BYTES.check({ bytesScannedCutoffPerQuery: Size.gibibytes(1) })).toEqual([]);
    expect(QUERY_SIZE_IN_BYTES.check({ bytesScannedCutoffPerQuery: Size.gibibytes(n) })).toHaveLength(1);
  });

  test('QUERY_NAME_UNIQUE: one finding per other construct of the name; a token is never reported', () => {
    expect(QUERY_NAME_UNIQUE.check({ name: 'cloudtrail', others: [] })).toEqual([]);
    expect(QUERY_NAME_UNIQUE.check({ name: 'cloudtrail', others: ['B/Logs', 'C/Logs'] })).toHaveLength(2);
    expect(QUERY_NAME_UNIQUE.check({ name: Lazy.string({ produce: () => 'x' }), others: ['B/Logs'] })).toEqual([]);
  });
});
