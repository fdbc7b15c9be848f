import { App, Lazy, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureTrail, TrailGuardrails, TrailGuardrailsProps } from '../../src';
import { POLICY_SIZE_LIMIT } from '../../src/organization/private/policy-size';
import { TemplateResolver } from '../compliance/resolve';
import { REGION, synthesizing } from '../helpers';

const ORG = 'o-abcdefghij';
const MEMBER = '333333333333';
const MANAGEMENT = '111111111111';
const LOG_ARCHIVE = '222222222222';
const BREAK_GLASS = ['arn:aws:iam::*:role/BreakGlass', 'arn:aws:iam::*:role/cdk-hnb659fds-cfn-exec-role-*'];
// The provider role of a delegated administrator's trail, exempted on the trail by its tag.
const TRAIL_MANAGER = { StringNotEquals: { 'aws:PrincipalTag/cdk-cloudtrail-kit-trail-manager': 'true' } };
const TAG_GUARD_ACTIONS = [
  'iam:TagRole',
  'iam:UntagRole',
  'iam:TagUser',
  'iam:UntagUser',
  'iam:CreateRole',
  'iam:CreateUser',
  'sts:TagSession',
];

function stackIn(account: string, app = new App(), id = `Stack${account}`): Stack {
  return new Stack(app, id, { env: { account, region: REGION } });
}

/** The policies of a stack, by logical id, with Content resolved for the stack's account and parsed. */
function policies(stack: Stack): Array<{ id: string; props: any; content: any; text: string }> {
  const template = Template.fromStack(stack);
  const resolver = new TemplateResolver(template, stack.account, REGION);
  return Object.entries(template.findResources('AWS::Organizations::Policy')).map(([id, resource]: [string, any]) => {
    const content = resolver.resolve(resource.Properties.Content);
    return { id, props: resource.Properties, content, text: JSON.stringify(content) };
  });
}

function warnings(stack: Stack, id: string): string[] {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.stringLikeRegexp(`cdk-cloudtrail-kit:${id}`))
    .map((w) => String(w.entry.data));
}

describe('a member account with a trail of its own', () => {
  const stack = stackIn(MEMBER);
  const trail = new SecureTrail(stack, 'Trail', { trailName: 'account-trail' });
  const guardrails = new TrailGuardrails(stack, 'Guardrails', {
    trail,
    breakGlassPrincipalArns: BREAK_GLASS,
    targetIds: [MEMBER],
    organizationId: ORG,
  });
  const [scp, rcp] = policies(stack);
  const trailArn = `arn:aws:cloudtrail:${REGION}:${MEMBER}:trail/account-trail`;
  const bucketArn = 'arn:aws:s3:::trailbucket6c1e344e';
  const keyArn = `arn:aws:kms:${REGION}:${MEMBER}:key/TrailKey31F874A3`;
  const groupArn = `arn:aws:logs:${REGION}:${MEMBER}:log-group:/aws/cloudtrail/account-trail`;
  const exempt = { ArnNotLike: { 'aws:PrincipalArn': BREAK_GLASS } };

  test('one SCP and one RCP, attached to the targets, named from the construct path', () => {
    expect(guardrails.serviceControlPolicies).toHaveLength(1);
    expect(guardrails.resourceControlPolicies).toHaveLength(1);
    expect(scp.props).toMatchObject({
      Name: 'Stack333333333333GuardrailsB1BCCD01-scp',
      Type: 'SERVICE_CONTROL_POLICY',
      TargetIds: [MEMBER],
      Description:
        'Denies stopping, deleting or weakening the CloudTrail trail account-trail and its log storage, except to break-glass principals',
    });
    expect(rcp.props).toMatchObject({
      Name: 'Stack333333333333GuardrailsB1BCCD01-rcp',
      Type: 'RESOURCE_CONTROL_POLICY',
      TargetIds: [MEMBER],
      Description: 'Keeps the log storage of the CloudTrail trail account-trail inside the organization and on TLS',
    });
  });

  test('the SCP denies the tamper calls on the trail, its bucket, key and log group, except to the break-glass principals', () => {
    expect(scp.content).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyTrailChanges',
          Effect: 'Deny',
          Action: expect.arrayContaining(['cloudtrail:StopLogging']),
          Resource: trailArn,
          Condition: { ...exempt, ...TRAIL_MANAGER },
        },
        {
          Sid: 'DenyLogBucketChanges',
          Effect: 'Deny',
          Action: expect.arrayContaining(['s3:PutBucketPolicy']),
          Resource: bucketArn,
          Condition: exempt,
        },
        {
          Sid: 'DenyLogKeyChanges',
          Effect: 'Deny',
          Action: ['kms:PutKeyPolicy', 'kms:DisableKey', 'kms:ScheduleKeyDeletion'],
          Resource: keyArn,
          Condition: exempt,
        },
        {
          Sid: 'DenyLogGroupChanges',
          Effect: 'Deny',
          Action: expect.arrayContaining(['logs:DeleteLogGroup', 'logs:PutRetentionPolicy']),
          Resource: [groupArn, `${groupArn}:*`],
          Condition: exempt,
        },
        {
          Sid: 'DenyTrailManagerTag',
          Effect: 'Deny',
          Action: TAG_GUARD_ACTIONS,
          Resource: '*',
          Condition: {
            'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': 'cdk-cloudtrail-kit-trail-manager' },
            ...exempt,
          },
        },
      ],
    });
  });

  test('the RCP keeps the bucket, its objects, the key and the log group inside the organization and on TLS', () => {
    const resources = [bucketArn, `${bucketArn}/*`, keyArn, groupArn, `${groupArn}:*`];
    expect(rcp.content.Statement.map((s: any) => [s.Sid, s.Principal, s.Resource])).toEqual([
      ['DenyAccessFromOutsideOrganization', '*', resources],
      ['DenyServicesActingForOutsiders', '*', resources],
      ['DenyInsecureTransport', '*', resources],
    ]);
    expect(rcp.content.Statement[0].Condition.StringNotEqualsIfExists).toEqual({ 'aws:PrincipalOrgID': ORG });
  });

  test('Content, minified as CloudFormation sends it, is within the size AWS Organizations allows', () => {
    expect(scp.text.length).toBeLessThanOrEqual(POLICY_SIZE_LIMIT);
    expect(rcp.text.length).toBeLessThanOrEqual(POLICY_SIZE_LIMIT);
  });

  test('nothing here is in the management account: no warning', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('an organization trail in the management account, with its storage in the log-archive account', () => {
  const make = (extra: Partial<TrailGuardrailsProps> = {}) => {
    const stack = stackIn(MANAGEMENT);
    const trail = new SecureTrail(stack, 'Trail', {
      trailName: 'org-trail',
      organizationId: ORG,
      bucket: s3.Bucket.fromBucketName(stack, 'Bucket', 'org-logs'),
      encryptionKey: kms.Key.fromKeyArn(
        stack,
        'Key',
        `arn:aws:kms:${REGION}:${LOG_ARCHIVE}:alias/cloudtrail/org-trail`,
      ),
      cloudWatchLogsEncryptionKey: new kms.Key(stack, 'LogsKey', { enableKeyRotation: true }),
    });
    Validations.of(stack).acknowledge(
      { id: 'cdk-cloudtrail-kit:bucketPolicy', reason: 'log archive' },
      { id: 'cdk-cloudtrail-kit:keyPolicy', reason: 'log archive' },
    );
    new TrailGuardrails(stack, 'Guardrails', {
      trail,
      breakGlassPrincipalArns: BREAK_GLASS,
      targetIds: ['r-abcd'],
      organizationId: ORG,
      ...extra,
    });
    return stack;
  };

  test("the trail is named by the management account's ARN; the key by every key carrying its alias, and the alias", () => {
    const [scp] = policies(make());
    const byKey = Object.fromEntries(scp.content.Statement.map((s: any) => [s.Sid, s]));
    expect(byKey.DenyTrailChanges.Resource).toBe(`arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/org-trail`);
    expect(byKey.DenyLogBucketChanges.Resource).toBe('arn:aws:s3:::org-logs');
    expect(byKey.DenyLogKeyChanges).toEqual({
      Sid: 'DenyLogKeyChanges',
      Effect: 'Deny',
      Action: ['kms:PutKeyPolicy', 'kms:DisableKey', 'kms:ScheduleKeyDeletion'],
      Resource: `arn:aws:kms:${REGION}:${LOG_ARCHIVE}:key/*`,
      Condition: {
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/cloudtrail/org-trail' },
        ArnNotLike: { 'aws:PrincipalArn': BREAK_GLASS },
      },
    });
    expect(byKey.DenyLogKeyAliasChanges.Resource).toBe(
      `arn:aws:kms:${REGION}:${LOG_ARCHIVE}:alias/cloudtrail/org-trail`,
    );
    expect(byKey.DenyLogGroupChanges.Resource[0]).toBe(
      `arn:aws:logs:${REGION}:${MANAGEMENT}:log-group:/aws/cloudtrail/org-trail`,
    );
  });

  test('a warning says the trail and log group (in the management account) are guarded there only by the alert', () => {
    const [warning, ...more] = warnings(make(), 'guardrailManagementAccount');
    expect(more).toEqual([]);
    expect(warning).toMatch(
      /^the trail, the log group are in the management account 111111111111\. Service control policies never apply to its own principals and resource control policies never apply to its resources: .*a delegated administrator.*guarded only by TrailTamperAlert and by keeping those administrators few\./,
    );
  });

  test('a management account given as a target is pointed out', () => {
    expect(warnings(make({ targetIds: ['r-abcd', MANAGEMENT] }), 'guardrailManagementAccount')[0]).toMatch(
      /targetIds holds the management account 111111111111, where the policies have no effect\./,
    );
  });

  test('the warning can be acknowledged', () => {
    const stack = make();
    Validations.of(stack).acknowledge({ id: 'cdk-cloudtrail-kit:guardrailManagementAccount', reason: 'alerted' });
    expect(warnings(stack, 'guardrailManagementAccount')).toEqual([]);
  });

  test('the management account can be given: a log-archive bucket owned by this app there is pointed out', () => {
    const stack = stackIn(LOG_ARCHIVE);
    const bucket = new s3.Bucket(stack, 'Bucket');
    const trail = SecureTrail.fromTrailAttributes(stack, 'Trail', {
      trailArn: `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/org`,
      bucket,
    });
    new TrailGuardrails(stack, 'Guardrails', {
      trail,
      breakGlassPrincipalArns: BREAK_GLASS,
      managementAccountId: LOG_ARCHIVE,
    });
    expect(warnings(stack, 'guardrailManagementAccount')[0]).toMatch(
      /^the log bucket is in the management account 222222222222\./,
    );
  });
});

describe('the organization is read from the trail', () => {
  const orgTrail = (stack: Stack) =>
    new SecureTrail(stack, 'Trail', { trailName: 'org-trail', organizationId: ORG, managementAccountId: MANAGEMENT });

  test('given only an organization trail: the same policies as with its organizationId repeated', () => {
    const build = (extra: Partial<TrailGuardrailsProps>) => {
      const stack = stackIn(MANAGEMENT);
      new TrailGuardrails(stack, 'Guardrails', {
        trail: orgTrail(stack),
        breakGlassPrincipalArns: BREAK_GLASS,
        ...extra,
      });
      return stack;
    };
    const alone = build({});
    expect(Template.fromStack(alone).toJSON()).toEqual(Template.fromStack(build({ organizationId: ORG })).toJSON());
    expect(policies(alone).map((p) => p.props.Type)).toEqual(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);
    expect(JSON.stringify(policies(alone)[1].content)).toContain(ORG);
    expect(warnings(alone, 'guardrailNoResourceControlPolicy')).toEqual([]);
  });

  test('an imported trail: with its organizationId an RCP; without, organizationId given to the guardrails', () => {
    const rcpOf = (attrs: object, organizationId?: string) => {
      const stack = stackIn(MEMBER);
      const trail = SecureTrail.fromTrailAttributes(stack, 'Trail', {
        trailArn: `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/org`,
        bucket: s3.Bucket.fromBucketName(stack, 'Bucket', 'org-logs'),
        ...attrs,
      });
      new TrailGuardrails(stack, 'Guardrails', { trail, breakGlassPrincipalArns: BREAK_GLASS, organizationId });
      return policies(stack).find((p) => p.props.Type === 'RESOURCE_CONTROL_POLICY')?.text;
    };
    const withFacts = rcpOf({ organizationId: ORG });
    expect(withFacts).toContain(ORG);
    expect(rcpOf({}, ORG)).toEqual(withFacts);
    expect(rcpOf({})).toBeUndefined();
  });

  test('an organization trail (isOrganizationTrail) is in the management account: its account is warned about', () => {
    const stack = stackIn(MANAGEMENT);
    const trail = SecureTrail.fromTrailAttributes(stack, 'Trail', {
      trailArn: `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/org`,
      isOrganizationTrail: true,
    });
    new TrailGuardrails(stack, 'Guardrails', { trail, breakGlassPrincipalArns: BREAK_GLASS });
    expect(warnings(stack, 'guardrailManagementAccount')[0]).toMatch(
      /^the trail is in the management account 111111111111\./,
    );
  });

  test("an organizationId that is not the trail's fails at synth, naming both", () => {
    const stack = stackIn(MANAGEMENT);
    new TrailGuardrails(stack, 'Guardrails', {
      trail: orgTrail(stack),
      breakGlassPrincipalArns: BREAK_GLASS,
      organizationId: 'o-zzzzzzzzzz',
    });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[TRAIL_ORGANIZATION_ID\] Stack111111111111\/Guardrails: prop organizationId 'o-zzzzzzzzzz' is not the organization 'o-abcdefghij' of the trail Stack111111111111\/Trail/,
    );
  });
});

describe('what is protected follows what is known', () => {
  test('a trail imported by ARN: only the trail, and no RCP (nothing to keep inside)', () => {
    const stack = stackIn(MEMBER);
    const guardrails = new TrailGuardrails(stack, 'Guardrails', {
      trail: SecureTrail.fromTrailArn(stack, 'Trail', `arn:aws:cloudtrail:${REGION}:${MEMBER}:trail/imported-trail`),
      breakGlassPrincipalArns: BREAK_GLASS,
      organizationId: ORG,
    });
    const [scp] = policies(stack);
    expect(scp.content.Statement.map((s: any) => s.Sid)).toEqual(['DenyTrailChanges', 'DenyTrailManagerTag']);
    expect(guardrails.resourceControlPolicies).toEqual([]);
    // Literal throughout: the Content is the policy itself.
    expect(Template.fromStack(stack).toJSON().Resources[scp.id].Properties.Content).toEqual(scp.content);
  });

  test("bucket, key and log group given as props override the trail's", () => {
    const stack = stackIn(MEMBER);
    new TrailGuardrails(stack, 'Guardrails', {
      trail: SecureTrail.fromTrailArn(stack, 'Trail', `arn:aws:cloudtrail:${REGION}:${MEMBER}:trail/imported-trail`),
      breakGlassPrincipalArns: BREAK_GLASS,
      organizationId: ORG,
      bucket: s3.Bucket.fromBucketName(stack, 'B', 'given'),
      encryptionKey: kms.Key.fromKeyArn(stack, 'K', `arn:aws:kms:${REGION}:${MEMBER}:key/abc`),
      logGroup: logs.LogGroup.fromLogGroupName(stack, 'G', 'group'),
    });
    const [scp, rcp] = policies(stack);
    expect(scp.content.Statement.map((s: any) => s.Resource)).toEqual([
      `arn:aws:cloudtrail:${REGION}:${MEMBER}:trail/imported-trail`,
      'arn:aws:s3:::given',
      `arn:aws:kms:${REGION}:${MEMBER}:key/abc`,
      [`arn:aws:logs:${REGION}:${MEMBER}:log-group:group`, `arn:aws:logs:${REGION}:${MEMBER}:log-group:group:*`],
      '*',
    ]);
    expect(rcp.content.Statement[0].Resource).toHaveLength(5);
  });

  test('without organizationId: no RCP, and a warning that says how to get one', () => {
    const stack = stackIn(MEMBER);
    const guardrails = new TrailGuardrails(stack, 'Guardrails', {
      trail: new SecureTrail(stack, 'Trail'),
      breakGlassPrincipalArns: BREAK_GLASS,
    });
    expect(guardrails.resourceControlPolicies).toEqual([]);
    expect(warnings(stack, 'guardrailNoResourceControlPolicy')).toEqual([expect.stringMatching(/give organizationId/)]);
    expect(
      Template.fromStack(stack).findResources('AWS::Organizations::Policy', {
        Properties: { TargetIds: Match.anyValue() },
      }),
    ).toEqual({});
  });

  test("no break-glass principal: only CDK's deploy role is exempt, and a warning says what that means", () => {
    const stack = stackIn(MEMBER);
    new TrailGuardrails(stack, 'Guardrails', {
      trail: new SecureTrail(stack, 'Trail'),
      breakGlassPrincipalArns: [],
      organizationId: ORG,
    });
    const [scp] = policies(stack);
    expect(scp.content.Statement.slice(1, 4).map((s: any) => s.Condition)).toEqual(
      Array(3).fill({ ArnNotLike: { 'aws:PrincipalArn': 'arn:*:iam::*:role/cdk-hnb659fds-cfn-exec-role-*' } }),
    );
    expect(warnings(stack, 'guardrailNoBreakGlass')).toEqual([
      expect.stringMatching(/but the deploy roles \(deployRoleArns\) may ever change/),
    ]);
  });

  test('no break-glass principal and no deploy role: the storage calls are denied to everyone', () => {
    const stack = stackIn(MEMBER);
    new TrailGuardrails(stack, 'Guardrails', {
      trail: new SecureTrail(stack, 'Trail'),
      breakGlassPrincipalArns: [],
      deployRoleArns: [],
      organizationId: ORG,
    });
    const [scp] = policies(stack);
    expect(scp.content.Statement.slice(1, 4).every((s: any) => s.Condition === undefined)).toBe(true);
    expect(warnings(stack, 'guardrailNoBreakGlass')).toEqual([
      expect.stringMatching(/no principal of the targeted accounts may ever change/),
    ]);
  });
});

describe('values AWS Organizations would reject fail at synth', () => {
  const make = (props: Partial<TrailGuardrailsProps>) => {
    const stack = stackIn(MEMBER);
    return synthesizing(
      () =>
        new TrailGuardrails(stack, 'Guardrails', {
          trail: SecureTrail.fromTrailArn(
            stack,
            'Trail',
            `arn:aws:cloudtrail:${REGION}:${MEMBER}:trail/imported-trail`,
          ),
          breakGlassPrincipalArns: BREAK_GLASS,
          ...props,
        }),
    );
  };

  test.each([
    ['a root, an OU and an account', ['r-abcd', 'ou-abcd-12345678', MEMBER]],
    ['longest forms', [`r-${'a'.repeat(32)}`, `ou-${'a'.repeat(32)}-${'1'.repeat(32)}`]],
  ])('targets: %s are accepted', (_what, targetIds) => {
    expect(make({ targetIds })).not.toThrow();
  });

  test.each([
    ['an organization id', 'o-abcdefghij'],
    ['an 11-digit account', '12345678901'],
    ['an upper-case root', 'r-ABCD'],
    ['an OU without its second part', 'ou-abcd'],
    ['an ARN', `arn:aws:organizations::${MANAGEMENT}:root/o-abcdefghij/r-abcd`],
  ])('targets: %s is refused with the forms that are accepted', (_what, id) => {
    expect(make({ targetIds: [id] })).toThrow(
      new RegExp(
        `\\[ORGANIZATIONS_TARGET_ID\\] Stack${MEMBER}/Guardrails/ServiceControlPolicy: TargetIds\\[0\\] \\(prop targetIds\\) '${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' is not a root id \\(r-abcd\\), an organizational unit id`,
      ),
    );
  });

  test('a target given twice is refused', () => {
    expect(make({ targetIds: ['r-abcd', 'r-abcd'] })).toThrow(
      /\[ORGANIZATIONS_TARGET_ID\] .*TargetIds\[1\] \(prop targetIds\) 'r-abcd' is given twice/,
    );
  });

  test.each([
    ['an account root', `arn:aws:iam::${MEMBER}:root`],
    ['a role name', 'BreakGlass'],
    ['an assumed-role session', `arn:aws:sts::${MEMBER}:assumed-role/BreakGlass/alice`],
  ])('break-glass principals: %s is refused, saying aws:PrincipalArn is the role ARN', (_what, arn) => {
    expect(make({ breakGlassPrincipalArns: [arn] })).toThrow(
      /\[GUARDRAIL_PRINCIPAL_ARN\] Stack\d+\/Guardrails: prop breakGlassPrincipalArns\[\d\] '.*' is not an IAM role or user ARN.*aws:PrincipalArn.*Fix:/,
    );
  });

  test('break-glass principals: roles with paths, users and wildcards are accepted', () => {
    expect(
      make({
        breakGlassPrincipalArns: [
          `arn:aws:iam::${MEMBER}:role/admin/BreakGlass`,
          'arn:aws:iam::*:user/emergency',
          'arn:aws-us-gov:iam::*:role/aws-reserved/sso.amazonaws.com/*',
        ],
      }),
    ).not.toThrow();
  });

  test('organization and management account ids of the wrong form are refused', () => {
    expect(make({ organizationId: 'o-short' })).toThrow(
      /\[ORGANIZATION_ID\] Stack\d+\/Guardrails: prop organizationId 'o-short' is not an AWS Organizations organization id/,
    );
    expect(make({ managementAccountId: '1111' })).toThrow(
      /\[ACCOUNT_ID\] Stack\d+\/Guardrails: prop managementAccountId '1111' is not a 12-digit AWS account id/,
    );
  });

  test('values known only at deploy time are never reported as wrong; null counts as not given', () => {
    const token = Lazy.string({ produce: () => 'r-abcd' });
    expect(
      make({
        targetIds: [token],
        breakGlassPrincipalArns: [Lazy.string({ produce: () => 'x' })],
        organizationId: Lazy.string({ produce: () => 'x' }),
        managementAccountId: Lazy.string({ produce: () => 'x' }),
      }),
    ).not.toThrow();
    expect(
      make({
        targetIds: null as any,
        organizationId: null as any,
        managementAccountId: null as any,
        policyName: null as any,
      }),
    ).not.toThrow();
  });
});

describe("AWS Organizations' 5,120 characters", () => {
  const manyPrincipals = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `arn:aws:iam::*:role/break-glass/team-${String(i).padStart(3, '0')}-emergency-access`,
    );
  const make = (breakGlassPrincipalArns: string[]) => {
    const stack = stackIn(MEMBER);
    const guardrails = new TrailGuardrails(stack, 'Guardrails', {
      trail: new SecureTrail(stack, 'Trail'),
      breakGlassPrincipalArns,
      deployRoleArns: [],
      organizationId: ORG,
      targetIds: [MEMBER],
    });
    return { stack, guardrails };
  };

  test('a policy that would not fit is split into several, each within the limit, in order, each named and attached', () => {
    const { stack, guardrails } = make(manyPrincipals(30));
    expect(guardrails.serviceControlPolicies.length).toBeGreaterThan(1);
    const scps = policies(stack).filter((p) => p.props.Type === 'SERVICE_CONTROL_POLICY');
    for (const scp of scps) expect(scp.text.length).toBeLessThanOrEqual(POLICY_SIZE_LIMIT);
    expect(scps.flatMap((p) => p.content.Statement.map((s: any) => s.Sid))).toEqual([
      'DenyTrailChanges',
      'DenyLogBucketChanges',
      'DenyLogKeyChanges',
      'DenyLogGroupChanges',
      'DenyTrailManagerTag',
    ]);
    expect(scps.map((p) => p.props.Name)).toEqual(
      scps.map((_, i) => `Stack333333333333GuardrailsB1BCCD01-scp${i === 0 ? '' : `-${i + 1}`}`),
    );
    expect(scps.every((p) => p.props.TargetIds[0] === MEMBER)).toBe(true);
    expect(Template.fromStack(stack).toJSON().Resources).toHaveProperty(['GuardrailsServiceControlPolicy282FCF83E']);
  });

  test('values known only at deploy time count at their longest (the bucket name CloudFormation generates, the partition, the key id)', () => {
    let splitWhileFitting = false;
    const check = (principals: string[]) => {
      const { stack, guardrails } = make(principals);
      const scps = policies(stack).filter((p) => p.props.Type === 'SERVICE_CONTROL_POLICY');
      for (const scp of scps) expect(scp.text.length).toBeLessThanOrEqual(POLICY_SIZE_LIMIT);
      const together = JSON.stringify({
        Version: '2012-10-17',
        Statement: scps.flatMap((p) => p.content.Statement),
      }).length;
      if (guardrails.serviceControlPolicies.length > 1 && together <= POLICY_SIZE_LIMIT) splitWhileFitting = true;
      return guardrails.serviceControlPolicies.length;
    };
    // The first list that is split, then one principal fewer with a last one growing a few characters at a time.
    let n = 1;
    while (check(manyPrincipals(n)) === 1) n++;
    for (let pad = 0; pad <= 64; pad += 4) check([...manyPrincipals(n - 1), `arn:aws:iam::*:role/x${'y'.repeat(pad)}`]);
    // Resolved with this test's short names, some policy was split although it would fit: the bound is the longest
    // value.
    expect(splitWhileFitting).toBe(true);
  });

  test('one statement that cannot fit even alone fails with the fix', () => {
    expect(synthesizing(() => make(manyPrincipals(90)).guardrails)).toThrow(
      /\[GUARDRAIL_STATEMENT_SIZE\] Stack\d+\/Guardrails: prop breakGlassPrincipalArns 'DenyTrailChanges' \(a statement of the SERVICE_CONTROL_POLICY\) can take \d+ characters, over the 5120 AWS Organizations allows in one policy\. Fix: match breakGlassPrincipalArns with fewer, wider patterns/,
    );
  });

  describe('a target holds at most four of them, besides the full-access policy', () => {
    // A key known by its alias and a log group, and the trail manager's tag: six statements, so up to six policies.
    const split = (n: number, targetIds?: string[]) => {
      const stack = stackIn(MEMBER);
      return new TrailGuardrails(stack, 'Guardrails', {
        trail: SecureTrail.fromTrailArn(stack, 'Trail', `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/org`),
        breakGlassPrincipalArns: manyPrincipals(n),
        deployRoleArns: [],
        bucket: s3.Bucket.fromBucketName(stack, 'Bucket', 'org-logs'),
        encryptionKey: kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:${REGION}:${LOG_ARCHIVE}:alias/cloudtrail`),
        logGroup: logs.LogGroup.fromLogGroupName(stack, 'Logs', 'org-trail'),
        organizationId: ORG,
        targetIds,
      });
    };

    test('four policies are attached to each target', () => {
      expect(split(36, ['r-abcd', MEMBER]).serviceControlPolicies.map((p) => p.targetIds)).toEqual(
        Array(4).fill(['r-abcd', MEMBER]),
      );
    });

    test('five fail at synth with the fix, for literal targets and targets known only at deploy time', () => {
      const message =
        /\[GUARDRAIL_POLICIES_PER_TARGET\] Stack\d+\/Guardrails: prop targetIds attaches all 5 policies the SERVICE_CONTROL_POLICY takes \(to fit in 5120 characters each\) to each target, which holds at most 4 besides the full-access policy it needs\. Fix: match breakGlassPrincipalArns with fewer, wider patterns \(such as 'arn:aws:iam::\*:role\/BreakGlass\*'\), or leave targetIds out and attach the policies at different levels\./;
      expect(synthesizing(() => split(38, ['r-abcd']))).toThrow(message);
      expect(synthesizing(() => split(38, Lazy.list({ produce: () => ['r-abcd'] })))).toThrow(message);
    });

    test('five are made when not attached here (they can be attached at different levels), or attached nowhere', () => {
      expect(split(38).serviceControlPolicies).toHaveLength(5);
      expect(split(38, []).serviceControlPolicies).toHaveLength(5);
    });
  });

  test('a break-glass list known only at deploy time cannot be measured: one policy, and a warning', () => {
    const stack = stackIn(MEMBER);
    new TrailGuardrails(stack, 'Guardrails', {
      trail: new SecureTrail(stack, 'Trail'),
      breakGlassPrincipalArns: Lazy.list({ produce: () => BREAK_GLASS }),
    });
    expect(warnings(stack, 'guardrailPolicySize')).toEqual([expect.stringMatching(/could not be measured at synth/)]);
    expect(Template.fromStack(stack).resourceCountIs('AWS::Organizations::Policy', 1));
  });
});

test('two guardrails in one app get policies of different names', () => {
  const app = new App();
  const stack = stackIn(MEMBER, app);
  const trail = new SecureTrail(stack, 'Trail');
  new TrailGuardrails(stack, 'A', { trail, breakGlassPrincipalArns: BREAK_GLASS });
  new TrailGuardrails(stack, 'B', { trail, breakGlassPrincipalArns: BREAK_GLASS, policyName: 'trail-guard' });
  const names = policies(stack).map((p) => p.props.Name);
  expect(names).toEqual(['Stack333333333333A0817F03E-scp', 'trail-guard-scp']);
});
