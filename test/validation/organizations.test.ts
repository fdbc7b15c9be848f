import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { SecureTrail, TrailGuardrails } from '../../src';
import { checkOrganizationsPolicies } from '../../src/organization/private/policy-checks';
import {
  contentSize,
  ORGANIZATIONS_CONDITION_OPERATORS,
  ORGANIZATIONS_POLICIES_PER_TARGET,
  ORGANIZATIONS_POLICY_DESCRIPTION,
  ORGANIZATIONS_POLICY_NAME,
  ORGANIZATIONS_POLICY_PARTITION,
  ORGANIZATIONS_POLICY_SIZE,
  ORGANIZATIONS_RCP_GRAMMAR,
  ORGANIZATIONS_RCP_SERVICES,
  ORGANIZATIONS_RULES,
  ORGANIZATIONS_SCP_GRAMMAR,
  ORGANIZATIONS_TARGET_ID,
  policyPartitionRule,
} from '../../src/validation/rules/organizations';

/*
 * The Organizations rules as functions over the rendered AWS::Organizations::Policy properties
 * ({ Name, Content, Type, TargetIds, Description }), and once through TrailGuardrails' own policies.
 */

const deny = (extra: object = {}) => ({ Effect: 'Deny', Action: ['cloudtrail:StopLogging'], Resource: '*', ...extra });
const scp = (statements: object[], props: object = {}) => ({
  Name: 'trail-guardrails-scp',
  Type: 'SERVICE_CONTROL_POLICY',
  Content: { Version: '2012-10-17', Statement: statements },
  TargetIds: ['r-abcd'],
  ...props,
});
const rcp = (statements: object[], props: object = {}) => ({
  ...scp(statements, props),
  Name: 'trail-guardrails-rcp',
  Type: 'RESOURCE_CONTROL_POLICY',
});
const rcpDeny = (extra: object = {}) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:DeleteBucketPolicy',
  Resource: '*',
  ...extra,
});

describe('names, descriptions, sizes', () => {
  test("ORGANIZATIONS_POLICY_NAME: 1 to 128; 'ORGANIZATIONS_POLICY_DESCRIPTION': at most 512", () => {
    expect(ORGANIZATIONS_POLICY_NAME.check(scp([deny()]))).toEqual([]);
    expect(ORGANIZATIONS_POLICY_NAME.check(scp([deny()], { Name: 'n'.repeat(129) }))).toHaveLength(1);
    expect(ORGANIZATIONS_POLICY_NAME.check(scp([deny()], { Name: '' }))).toHaveLength(1);
    expect(ORGANIZATIONS_POLICY_DESCRIPTION.check(scp([deny()], { Description: 'd'.repeat(512) }))).toEqual([]);
    expect(ORGANIZATIONS_POLICY_DESCRIPTION.check(scp([deny()], { Description: 'd'.repeat(513) }))).toHaveLength(1);
  });

  test('ORGANIZATIONS_POLICY_SIZE: 5,120 for SCPs and RCPs counting every character (minified JSON for an object), 10,000 for declarative', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => deny({ Sid: `S${i}` }));
    let n = 1;
    while (contentSize(scp(many(n + 1)).Content) <= 5120) n++;
    expect(ORGANIZATIONS_POLICY_SIZE.check(scp(many(n)))).toEqual([]);
    expect(ORGANIZATIONS_POLICY_SIZE.check(scp(many(n + 1)))[0].problem).toMatch(
      /over 5,120 for a SERVICE_CONTROL_POLICY/,
    );
    expect(ORGANIZATIONS_POLICY_SIZE.check({ ...scp(many(n + 1)), Type: 'DECLARATIVE_POLICY_EC2' })).toEqual([]);
    // Text Content counts as written, white space included.
    expect(
      ORGANIZATIONS_POLICY_SIZE.check({ ...scp([]), Content: JSON.stringify(scp(many(n)).Content, undefined, 2) }),
    ).toHaveLength(1);
    // A token counts for nothing: the literal characters alone fit.
    expect(
      ORGANIZATIONS_POLICY_SIZE.check(scp(many(n).map((s) => ({ ...s, Resource: { 'Fn::GetAtt': ['T', 'Arn'] } })))),
    ).toEqual([]);
  });
});

describe('grammar', () => {
  test('ORGANIZATIONS_SCP_GRAMMAR: no Principal or NotPrincipal, an Effect, Action or NotAction, Resource', () => {
    expect(
      ORGANIZATIONS_SCP_GRAMMAR.check(scp([deny(), { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }])),
    ).toEqual([]);
    const findings = ORGANIZATIONS_SCP_GRAMMAR.check(
      scp([
        deny({ Principal: '*' }),
        { Effect: 'Deny', Resource: '*' },
        { Effect: 'Deny', Action: 'a:b' },
        deny({ Effect: 'deny' }),
      ]),
    );
    expect(findings.map((f) => [f.at, f.problem.slice(0, 30)])).toEqual([
      ['Content.Statement[0]', 'names a Principal in an SCP, w'],
      ['Content.Statement[1]', 'has neither Action nor NotActi'],
      ['Content.Statement[2]', 'has neither Resource nor NotRe'],
      ['Content.Statement[3].Effect', 'is neither Allow nor Deny (cas'],
    ]);
    expect(ORGANIZATIONS_SCP_GRAMMAR.check(rcp([deny({ Principal: '*' })]))).toEqual([]);
  });

  test('ORGANIZATIONS_RCP_GRAMMAR: Deny, Principal "*", no NotAction or NotPrincipal, Version 2012-10-17', () => {
    expect(ORGANIZATIONS_RCP_GRAMMAR.check(rcp([rcpDeny()]))).toEqual([]);
    const findings = ORGANIZATIONS_RCP_GRAMMAR.check(
      rcp([
        rcpDeny({ Effect: 'Allow' }),
        rcpDeny({ Principal: { AWS: '111111111111' } }),
        { Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' },
        rcpDeny({ Principal: undefined, NotPrincipal: { AWS: '*' } }),
      ]),
    );
    expect(findings.map((f) => f.at)).toEqual([
      'Content.Statement[0].Effect',
      'Content.Statement[1].Principal',
      'Content.Statement[2].NotAction',
      'Content.Statement[3].Principal',
      'Content.Statement[3].NotPrincipal',
    ]);
  });

  test('ORGANIZATIONS_RCP_SERVICES: warns on a service RCPs do not apply to', () => {
    expect(
      ORGANIZATIONS_RCP_SERVICES.check(
        rcp([
          rcpDeny({ Action: ['s3:*', 'kms:Decrypt', 'sts:AssumeRole', 'sqs:*', 'secretsmanager:GetSecretValue', '*'] }),
        ]),
      ),
    ).toEqual([]);
    expect(
      ORGANIZATIONS_RCP_SERVICES.check(rcp([rcpDeny({ Action: ['cloudtrail:StopLogging', 's3:*'] })])).map(
        (f) => f.value,
      ),
    ).toEqual(['cloudtrail:StopLogging']);
    expect(ORGANIZATIONS_RCP_SERVICES.check(scp([deny()]))).toEqual([]);
    expect(ORGANIZATIONS_RCP_SERVICES.severity).toBe('warning');
  });

  test('ORGANIZATIONS_CONDITION_OPERATORS: IAM operators, with IfExists and set prefixes', () => {
    const withCondition = (Condition: object) => scp([deny({ Condition })]);
    expect(
      ORGANIZATIONS_CONDITION_OPERATORS.check(
        withCondition({
          ArnNotLike: {},
          StringNotEqualsIfExists: {},
          'ForAnyValue:StringLike': {},
          Null: {},
          Bool: {},
        }),
      ),
    ).toEqual([]);
    expect(
      ORGANIZATIONS_CONDITION_OPERATORS.check(withCondition({ StringEqual: {}, arnNotLike: {}, NullIfExists: {} })).map(
        (f) => f.value,
      ),
    ).toEqual(['StringEqual', 'arnNotLike', 'NullIfExists']);
  });
});

describe('targets and partitions', () => {
  test('ORGANIZATIONS_TARGET_ID: r-, ou- or 12 digits, each once; tokens pass', () => {
    expect(
      ORGANIZATIONS_TARGET_ID.check(
        scp([], { TargetIds: ['r-abcd', 'ou-abcd-12345678', '111122223333', { Ref: 'Target' }] }),
      ),
    ).toEqual([]);
    expect(
      ORGANIZATIONS_TARGET_ID.check(scp([], { TargetIds: ['o-abcdefghij', '1111-2222-3333', 'r-abcd', 'r-abcd'] })).map(
        (f) => f.at,
      ),
    ).toEqual(['TargetIds[0]', 'TargetIds[1]', 'TargetIds[3]']);
  });

  test("ORGANIZATIONS_POLICIES_PER_TARGET: at most four of this app's SCPs (and four RCPs) per target, FullAWSAccess being the fifth", () => {
    const four = Array.from({ length: 4 }, () => scp([deny()], { TargetIds: ['ou-abcd-12345678'] }));
    expect(
      ORGANIZATIONS_POLICIES_PER_TARGET.check([...four, rcp([rcpDeny()], { TargetIds: ['ou-abcd-12345678'] })]),
    ).toEqual([]);
    expect(
      ORGANIZATIONS_POLICIES_PER_TARGET.check([...four, scp([deny()], { TargetIds: ['ou-abcd-12345678', 'r-abcd'] })]),
    ).toEqual([
      expect.objectContaining({
        value: 'ou-abcd-12345678',
        problem: expect.stringMatching(/would hold 5 SCPs of this app and the full-access policy, over 5/),
      }),
    ]);
  });

  test("ORGANIZATIONS_POLICY_PARTITION: every ARN in the organization's partition", () => {
    const arns = (...resources: string[]) => scp([deny({ Resource: resources })]);
    expect(
      ORGANIZATIONS_POLICY_PARTITION.check(
        arns('arn:aws:cloudtrail:us-east-1:111122223333:trail/t', 'arn:aws:s3:::logs'),
      ),
    ).toEqual([]);
    expect(
      ORGANIZATIONS_POLICY_PARTITION.check(
        arns('arn:aws:cloudtrail:us-east-1:111122223333:trail/t', 'arn:aws-cn:s3:::logs'),
      ),
    ).toHaveLength(1);
    expect(ORGANIZATIONS_POLICY_PARTITION.check(arns('arn:amazon:s3:::logs'))[0].problem).toMatch(/none of AWS's/);
    expect(policyPartitionRule('aws-us-gov').check(arns('arn:aws:s3:::logs', 'arn:*:s3:::other'))).toHaveLength(1);
    expect(
      policyPartitionRule('aws').check(
        scp([deny({ Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws-cn:iam::*:role/BreakGlass' } } })]),
      ),
    ).toHaveLength(1);
  });
});

describe('through a synth', () => {
  test('the policies TrailGuardrails makes today pass every Organizations rule, wired as the report says', () => {
    const stack = new Stack(new App(), 'Management', { env: { account: '111111111111', region: 'us-east-1' } });
    const trail = new SecureTrail(stack, 'Trail', {
      organizationId: 'o-abcdefghij',
      managementAccountId: '111111111111',
    });
    const guardrails = new TrailGuardrails(stack, 'Guardrails', {
      trail,
      breakGlassPrincipalArns: ['arn:aws:iam::*:role/BreakGlass'],
      targetIds: ['ou-abcd-12345678'],
      organizationId: 'o-abcdefghij',
    });
    checkOrganizationsPolicies(guardrails);
    const policies = Template.fromStack(stack).findResources('AWS::Organizations::Policy');
    const rendered = Object.values(policies).map((p: any) => p.Properties);
    expect(rendered.length).toBeGreaterThanOrEqual(2);
    for (const props of rendered) {
      expect(
        ORGANIZATIONS_RULES.flatMap((rule) => rule.check(props).map((f) => `${rule.id} ${f.at} ${f.problem}`)),
      ).toEqual([]);
    }
  });

  test('an override is reported at synth with its rule id; every policy of the app counts per target', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'cn-north-1' } });
    const content = { Version: '2012-10-17', Statement: [deny({ Resource: 'arn:aws:s3:::logs' })] };
    const policies = Array.from(
      { length: 5 },
      (_, i) =>
        new organizations.CfnPolicy(stack, `P${i}`, {
          name: `p${i}`,
          type: 'SERVICE_CONTROL_POLICY',
          content,
          targetIds: ['r-abcd'],
        }),
    );
    policies[0].addPropertyOverride('TargetIds', ['r-abcd', 'r-abcd']);
    checkOrganizationsPolicies(stack);
    const synth = () => Template.fromStack(stack);
    expect(synth).toThrow(
      /\[ORGANIZATIONS_TARGET_ID\] S\/P0: TargetIds\[1\] \(prop targetIds\) 'r-abcd' is given twice/,
    );
    expect(synth).toThrow(
      /\[ORGANIZATIONS_POLICIES_PER_TARGET\] S: TargetIds \(prop targetIds\) 'r-abcd' would hold 5 SCPs/,
    );
    // Organizations accepts an ARN of another partition (the statement never matches): a warning.
    const china = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'cn-north-1' } });
    new organizations.CfnPolicy(china, 'P1', {
      name: 'p1',
      type: 'SERVICE_CONTROL_POLICY',
      content,
      targetIds: ['r-abcd'],
    });
    checkOrganizationsPolicies(china);
    expect(
      Annotations.fromStack(china).findWarning(
        '/S/P1',
        Match.stringLikeRegexp(
          "\\[ORGANIZATIONS_POLICY_PARTITION\\] S/P1: Content.Statement\\[0\\] \\(prop content\\) 'arn:aws:s3:::logs' names partition 'aws' where the organization is in 'aws-cn'",
        ),
      ),
    ).toHaveLength(1);
  });
});
