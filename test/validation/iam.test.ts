import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SecureTrail } from '../../src';
import { formatFinding } from '../../src/validation/messages';
import { checkResources } from '../../src/validation/report';
import {
  IAM_INLINE_POLICY_SIZE,
  IAM_MANAGED_POLICIES_PER_ROLE,
  IAM_MANAGED_POLICY_SIZE,
  IAM_PATH,
  IAM_POLICY_GRAMMAR,
  IAM_POLICY_NAME,
  IAM_ROLE_DESCRIPTION,
  IAM_ROLE_MAX_SESSION_DURATION,
  IAM_ROLE_NAME,
  IAM_ROLE_TAGS,
  IAM_RULES_BY_TYPE,
  IAM_TRUST_POLICY_SIZE,
} from '../../src/validation/rules/iam';

/*
 * The IAM rules are functions over a resource's final properties: called here on values, and once through a synth to
 * show they read what the template holds and never report a token.
 */

const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const role = (props: object = {}) => ({ AssumeRolePolicyDocument: TRUST, ...props });
const document = (statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const allow = (resource: unknown) => ({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: resource });
const ids = (findings: Array<{ at?: string }>) => findings.map((f) => f.at);

describe('names and paths', () => {
  test('IAM_ROLE_NAME: 1 to 64 of [\\w+=,.@-]; a token passes', () => {
    expect(IAM_ROLE_NAME.check(role({ RoleName: 'CloudTrail_CloudWatchLogs+Role=1,a.b@c-d' }))).toEqual([]);
    expect(IAM_ROLE_NAME.check(role({ RoleName: { 'Fn::Join': ['', ['a', { Ref: 'AWS::Region' }]] } }))).toEqual([]);
    expect(IAM_ROLE_NAME.check(role({ RoleName: 'r'.repeat(65) }))[0].problem).toMatch(
      /65 characters long, outside 1 to 64/,
    );
    expect(IAM_ROLE_NAME.check(role({ RoleName: 'my role' }))[0].problem).toMatch(/contains characters other than/);
    expect(IAM_ROLE_NAME.check(role({ RoleName: '' }))).toHaveLength(1);
  });

  test('IAM_POLICY_NAME: the names of inline policies, policies and managed policies', () => {
    expect(
      ids(
        IAM_POLICY_NAME.check(
          role({
            Policies: [
              { PolicyName: 'ok', PolicyDocument: {} },
              { PolicyName: 'not ok', PolicyDocument: {} },
            ],
          }),
        ),
      ),
    ).toEqual(['Policies[1].PolicyName']);
    expect(IAM_POLICY_NAME.check({ PolicyName: 'p'.repeat(129), PolicyDocument: {} })).toHaveLength(1);
    expect(ids(IAM_POLICY_NAME.check({ ManagedPolicyName: 'a/b', PolicyDocument: {} }))).toEqual(['ManagedPolicyName']);
  });

  test('IAM_PATH: / or /.../ of printable ASCII, at most 512', () => {
    for (const good of ['/', '/cloudtrail/', '/a/b/']) expect(IAM_PATH.check({ Path: good })).toEqual([]);
    for (const bad of ['cloudtrail', '/cloudtrail', '/with space/', `/${'p'.repeat(512)}/`]) {
      expect(IAM_PATH.check({ Path: bad })).toHaveLength(1);
    }
  });

  test('IAM_ROLE_DESCRIPTION: at most 1,000 Latin-1 characters', () => {
    expect(IAM_ROLE_DESCRIPTION.check({ Description: 'Lets CloudTrail deliver to CloudWatch Logs' })).toEqual([]);
    expect(IAM_ROLE_DESCRIPTION.check({ Description: 'd'.repeat(1001) })).toHaveLength(1);
    expect(IAM_ROLE_DESCRIPTION.check({ Description: 'emoji 🚀' })[0].problem).toMatch(/outside Latin-1/);
  });
});

describe('sessions, tags and attachments', () => {
  test('IAM_ROLE_MAX_SESSION_DURATION: 3,600 to 43,200 seconds', () => {
    for (const good of [3600, 43200, '7200']) {
      expect(IAM_ROLE_MAX_SESSION_DURATION.check(role({ MaxSessionDuration: good }))).toEqual([]);
    }
    for (const bad of [3599, 43201, 5000.5]) {
      expect(IAM_ROLE_MAX_SESSION_DURATION.check(role({ MaxSessionDuration: bad }))).toHaveLength(1);
    }
    expect(IAM_ROLE_MAX_SESSION_DURATION.check(role({ MaxSessionDuration: { Ref: 'Seconds' } }))).toEqual([]);
  });

  test('IAM_ROLE_TAGS: 50 at most; key and value lengths and characters; aws: reserved; keys once, case-insensitively', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect(IAM_ROLE_TAGS.check(role({ Tags: tags(50) }))).toEqual([]);
    expect(IAM_ROLE_TAGS.check(role({ Tags: tags(51) }))[0]).toMatchObject({ value: '51 tags' });
    expect(
      ids(
        IAM_ROLE_TAGS.check(
          role({
            Tags: [
              { Key: 'k'.repeat(129), Value: 'v' },
              { Key: 'aws:owner', Value: 'v' },
              { Key: 'Team', Value: 'a' },
              { Key: 'team', Value: 'b' },
              { Key: 'cost#center', Value: 'v' },
              { Key: 'ok', Value: 'v'.repeat(257) },
              { Key: 'Ünïcode spaces', Value: 'é + = . _ : / @ -' },
            ],
          }),
        ),
      ),
    ).toEqual(['Tags[0].Key', 'Tags[1].Key', 'Tags[3].Key', 'Tags[4].Key', 'Tags[5].Value']);
  });

  test('IAM_MANAGED_POLICIES_PER_ROLE: warns over the default quota of 10', () => {
    expect(
      IAM_MANAGED_POLICIES_PER_ROLE.check(
        role({ ManagedPolicyArns: Array(10).fill('arn:aws:iam::aws:policy/ReadOnlyAccess') }),
      ),
    ).toEqual([]);
    expect(
      IAM_MANAGED_POLICIES_PER_ROLE.check(
        role({ ManagedPolicyArns: Array(11).fill('arn:aws:iam::aws:policy/ReadOnlyAccess') }),
      ),
    ).toHaveLength(1);
    expect(IAM_MANAGED_POLICIES_PER_ROLE.severity).toBe('warning');
  });
});

describe('policy sizes, white space not counted, tokens counted as nothing', () => {
  const statements = (n: number, arn: unknown = 'arn:aws:logs:us-east-1:111122223333:log-group:g:*') =>
    Array.from({ length: n }, () => allow(arn));
  /** The most statements a document holds within `limit` characters. */
  const most = (limit: number) => {
    let n = 1;
    while (JSON.stringify(document(statements(n + 1))).length <= limit) n++;
    return n;
  };
  test("IAM_INLINE_POLICY_SIZE: 10,240 across a role's inline policies; one AWS::IAM::Policy alone", () => {
    const half = most(5120);
    const inline = (n: number) => [
      { PolicyName: 'a', PolicyDocument: document(statements(n)) },
      { PolicyName: 'b', PolicyDocument: document(statements(n)) },
    ];
    expect(IAM_INLINE_POLICY_SIZE.check(role({ Policies: inline(half) }))).toEqual([]);
    const findings = IAM_INLINE_POLICY_SIZE.check(role({ Policies: inline(half + 1) }));
    expect(findings).toHaveLength(1);
    expect(findings[0].problem).toMatch(/over 10,240/);
    expect(
      IAM_INLINE_POLICY_SIZE.check({ PolicyName: 'p', PolicyDocument: document(statements(most(10240))) }),
    ).toEqual([]);
    expect(
      IAM_INLINE_POLICY_SIZE.check({ PolicyName: 'p', PolicyDocument: document(statements(most(10240) + 1)) }),
    ).toHaveLength(1);
    // The same statements with the ARN a token: the literal characters alone fit, so nothing is reported.
    expect(
      IAM_INLINE_POLICY_SIZE.check({
        PolicyName: 'p',
        PolicyDocument: document(statements(most(10240) + 20, { 'Fn::GetAtt': ['Group', 'Arn'] })),
      }),
    ).toEqual([]);
  });

  test('white space inside values is not counted', () => {
    const spaced = document([
      { ...allow('*'), Condition: { StringEquals: { 'aws:PrincipalTag/team': ' '.repeat(7000) } } },
    ]);
    expect(IAM_MANAGED_POLICY_SIZE.check({ PolicyDocument: spaced })).toEqual([]);
  });

  test('IAM_MANAGED_POLICY_SIZE: 6,144', () => {
    const n = most(6144);
    expect(IAM_MANAGED_POLICY_SIZE.check({ PolicyDocument: document(statements(n)) })).toEqual([]);
    expect(IAM_MANAGED_POLICY_SIZE.check({ PolicyDocument: document(statements(n + 1)) })[0].value).toMatch(
      /^at least \d+ characters$/,
    );
  });

  test('IAM_TRUST_POLICY_SIZE: warns over 2,048', () => {
    const trust = (n: number) =>
      document(
        Array.from({ length: n }, (_, i) => ({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${String(i).padStart(12, '0')}:root` },
          Action: 'sts:AssumeRole',
        })),
      );
    expect(IAM_TRUST_POLICY_SIZE.check(role({ AssumeRolePolicyDocument: trust(10) }))).toEqual([]);
    expect(IAM_TRUST_POLICY_SIZE.check(role({ AssumeRolePolicyDocument: trust(30) }))).toHaveLength(1);
    expect(IAM_TRUST_POLICY_SIZE.severity).toBe('warning');
  });
});

describe('IAM_POLICY_GRAMMAR', () => {
  test('Version, Effect, Action or NotAction, Resource for identity policies, Principal for trust policies', () => {
    expect(
      IAM_POLICY_GRAMMAR.check(role({ Policies: [{ PolicyName: 'p', PolicyDocument: document([allow('*')]) }] })),
    ).toEqual([]);
    const findings = IAM_POLICY_GRAMMAR.check({
      PolicyDocument: {
        Version: '2012-10-18',
        Statement: [
          { Effect: 'allow', Action: 'a:b', Resource: '*' },
          { Effect: 'Deny', Resource: '*' },
          { Effect: 'Allow', Action: 'a:b', NotAction: 'c:d', Resource: '*' },
          { Effect: 'Allow', Action: 'a:b', Principal: '*', Resource: '*' },
          { Effect: 'Allow', Action: 'a:b' },
        ],
      },
    });
    expect(findings.map((f) => f.at)).toEqual([
      'PolicyDocument.Version',
      'PolicyDocument.Statement[0].Effect',
      'PolicyDocument.Statement[1]',
      'PolicyDocument.Statement[2]',
      'PolicyDocument.Statement[3]',
      'PolicyDocument.Statement[4]',
    ]);
    expect(
      IAM_POLICY_GRAMMAR.check(
        role({ AssumeRolePolicyDocument: document([{ Effect: 'Allow', Action: 'sts:AssumeRole' }]) }),
      ).map((f) => f.problem),
    ).toEqual([expect.stringMatching(/has no Principal/)]);
    // A document given as JSON text is read too; a token for the Effect is never wrong.
    expect(
      IAM_POLICY_GRAMMAR.check({
        PolicyDocument: JSON.stringify(document([{ Effect: 'Permit', Action: 'a:b', Resource: '*' }])),
      }),
    ).toHaveLength(1);
    expect(
      IAM_POLICY_GRAMMAR.check({
        PolicyDocument: document([{ Effect: { Ref: 'Effect' }, Action: 'a:b', Resource: '*' }]),
      }),
    ).toEqual([]);
  });
});

describe('through a synth', () => {
  test('the roles and policies SecureTrail makes today pass every IAM rule', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'us-east-1' } });
    new SecureTrail(stack, 'Trail', { sendToCloudWatchLogs: true });
    checkResources(stack, IAM_RULES_BY_TYPE);
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::IAM::Role')).length).toBeGreaterThan(0);
  });

  test('an override is reported with the rule id, the path and the property', () => {
    const stack = new Stack(new App(), 'S');
    const r = new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
      maxSessionDuration: Duration.hours(1),
    });
    (r.node.defaultChild as iam.CfnRole).addPropertyOverride('MaxSessionDuration', 60);
    checkResources(stack, IAM_RULES_BY_TYPE);
    expect(() => Template.fromStack(stack)).toThrow(
      /\[IAM_ROLE_MAX_SESSION_DURATION\] S\/Role: MaxSessionDuration \(prop maxSessionDuration\) '60' seconds is not a whole number from 3,600 to 43,200/,
    );
  });

  test('a finding reads as the one message shape', () => {
    const [finding] = IAM_ROLE_NAME.check({ RoleName: 'a b' });
    expect(formatFinding(IAM_ROLE_NAME, finding, 'App/Role')).toMatch(
      /^\[IAM_ROLE_NAME\] App\/Role: RoleName \(prop roleName\) 'a b' contains characters other than .*\. Fix: .*\.$/,
    );
  });
});
