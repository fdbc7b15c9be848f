import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, DefaultStackSynthesizer, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { OrganizationTrailPrerequisites, SecureTrail, TrailGuardrails } from '../../src';
import { TemplateResolver } from '../compliance/resolve';
import { REGION, synthesizing } from '../helpers';
import { cfnLintFiles } from '../oracles/cfn-lint';
import { uncheckedTemplates } from '../oracles/templates';

/*
 * The guardrails must not break the deployments this library documents: the roles that deploy the guarded stacks,
 * the provider role of a delegated administrator's trail, docs/organization.md's ordering of the trail after its
 * prerequisites, and the organization the resource control policy names. How IAM evaluates the policies is in
 * test/compliance/guardrail-simulation.test.ts.
 */

const ORG = 'o-abcdefghij';
const MANAGEMENT = '111111111111';
const LOG_ARCHIVE = '222222222222';
const AUDIT = '333333333333';
const BREAK_GLASS = ['arn:aws:iam::*:role/BreakGlass'];

function stackIn(
  account: string,
  app = new App(),
  id = `Stack${account}`,
  synthesizer?: DefaultStackSynthesizer,
): Stack {
  return new Stack(app, id, { env: { account, region: REGION }, synthesizer });
}

function scpStatements(stack: Stack): any[] {
  const template = Template.fromStack(stack);
  const resolver = new TemplateResolver(template, stack.account, REGION);
  return Object.values(
    template.findResources('AWS::Organizations::Policy', { Properties: { Type: 'SERVICE_CONTROL_POLICY' } }),
  ).flatMap((r: any) => resolver.resolve(r.Properties.Content).Statement);
}

function warnings(stack: Stack, id: string): string[] {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.stringLikeRegexp(`cdk-cloudtrail-kit:${id}`))
    .map((w) => String(w.entry.data));
}

describe('the deploy roles', () => {
  test("by default CDK's bootstrap execution role is exempt in every account, besides the break-glass roles", () => {
    const stack = stackIn(AUDIT);
    new TrailGuardrails(stack, 'Guardrails', {
      trail: new SecureTrail(stack, 'Trail', { trailName: 'account-trail' }),
      breakGlassPrincipalArns: BREAK_GLASS,
    });
    for (const statement of scpStatements(stack)) {
      expect(statement.Condition.ArnNotLike['aws:PrincipalArn']).toEqual([
        ...BREAK_GLASS,
        'arn:*:iam::*:role/cdk-hnb659fds-cfn-exec-role-*',
      ]);
    }
    expect(warnings(stack, 'guardrailDeployRoleDenied')).toEqual([]);
  });

  test("a break-glass list that already names CDK's role keeps its policy: the default is not added twice", () => {
    const stack = stackIn(AUDIT);
    const given = [...BREAK_GLASS, 'arn:aws:iam::*:role/cdk-hnb659fds-cfn-exec-role-*'];
    new TrailGuardrails(stack, 'Guardrails', {
      trail: SecureTrail.fromTrailArn(stack, 'Trail', `arn:aws:cloudtrail:${REGION}:${AUDIT}:trail/imported-trail`),
      breakGlassPrincipalArns: given,
    });
    expect(scpStatements(stack)[0].Condition.ArnNotLike['aws:PrincipalArn']).toEqual(given);
  });

  describe('a stack guarded by the policies that deploys with another qualifier', () => {
    const make = (props: { deployRoleArns?: string[]; acknowledge?: boolean } = {}) => {
      const stack = stackIn(AUDIT, new App(), 'Custom', new DefaultStackSynthesizer({ qualifier: 'audit1' }));
      const guardrails = new TrailGuardrails(stack, 'Guardrails', {
        trail: new SecureTrail(stack, 'Trail', { trailName: 'account-trail' }),
        breakGlassPrincipalArns: BREAK_GLASS,
        deployRoleArns: props.deployRoleArns,
      });
      if (props.acknowledge) {
        Validations.of(guardrails).acknowledge({
          id: 'cdk-cloudtrail-kit:guardrailDeployRoleDenied',
          reason: 'not targeted',
        });
      }
      return stack;
    };

    test('warns, naming the role, the stack, the denied actions and the prop that fixes it', () => {
      expect(warnings(make(), 'guardrailDeployRoleDenied')).toEqual([
        expect.stringMatching(
          new RegExp(
            'the stack Custom deploys Custom/Trail, Custom/Trail/Bucket, Custom/Trail/Key, Custom/Trail/CloudWatchLogs/LogGroup with the ' +
              "CloudFormation execution role 'arn:aws:iam::333333333333:role/cdk-audit1-cfn-exec-role-333333333333-us-east-1', which neither " +
              'breakGlassPrincipalArns nor deployRoleArns matches: .* denies that role cloudtrail:StopLogging, .*s3:PutBucketPolicy, .*' +
              "kms:ScheduleKeyDeletion, .*logs:PutRetentionPolicy.* Fix: add 'arn:\\*:iam::\\*:role/cdk-audit1-cfn-exec-role-\\*-\\*' to 'deployRoleArns'",
          ),
        ),
      ]);
    });

    test('no warning once the role is given, or acknowledged', () => {
      expect(
        warnings(
          make({ deployRoleArns: ['arn:*:iam::*:role/cdk-audit1-cfn-exec-role-*'] }),
          'guardrailDeployRoleDenied',
        ),
      ).toEqual([]);
      expect(warnings(make({ acknowledge: true }), 'guardrailDeployRoleDenied')).toEqual([]);
    });

    test('no warning for a stack of the management account, where SCPs never apply', () => {
      const stack = stackIn(MANAGEMENT, new App(), 'Custom', new DefaultStackSynthesizer({ qualifier: 'mgmt1' }));
      new TrailGuardrails(stack, 'Guardrails', {
        trail: new SecureTrail(stack, 'Trail', { trailName: 'organization-trail', organizationId: ORG }),
        breakGlassPrincipalArns: BREAK_GLASS,
      });
      expect(warnings(stack, 'guardrailDeployRoleDenied')).toEqual([]);
    });
  });

  test('a deploy role that is not a role ARN is refused, naming the prop and the fix', () => {
    const stack = stackIn(AUDIT);
    expect(
      synthesizing(
        () =>
          new TrailGuardrails(stack, 'Guardrails', {
            trail: SecureTrail.fromTrailArn(
              stack,
              'Trail',
              `arn:aws:cloudtrail:${REGION}:${AUDIT}:trail/imported-trail`,
            ),
            breakGlassPrincipalArns: BREAK_GLASS,
            deployRoleArns: ['cdk-hnb659fds-cfn-exec-role'],
          }),
      ),
    ).toThrow(
      /\[GUARDRAIL_PRINCIPAL_ARN\] Stack333333333333\/Guardrails: prop deployRoleArns\[0\] 'cdk-hnb659fds-cfn-exec-role' is not an IAM role or user ARN;.* Fix: /,
    );
  });
});

describe("the provider role of a delegated administrator's organization trail", () => {
  const stack = stackIn(AUDIT);
  new SecureTrail(stack, 'Trail', {
    trailName: 'organization-trail',
    organizationId: ORG,
    managementAccountId: MANAGEMENT,
    encryptionKey: kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:${REGION}:${LOG_ARCHIVE}:alias/cloudtrail/org`),
  });
  const template = Template.fromStack(stack);

  test('is tagged, and keeps its logical id and generated name (a tag is changed in place, a name or path would replace it)', () => {
    const role = template.toJSON().Resources.AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2;
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.RoleName).toBeUndefined();
    expect(role.Properties.Path).toBeUndefined();
    expect(role.Properties.Tags).toEqual([{ Key: 'cdk-cloudtrail-kit-trail-manager', Value: 'true' }]);
  });

  test('is exempt from the trail statement of the guardrails, and nobody else may take its tag', () => {
    const management = stackIn(MANAGEMENT);
    new TrailGuardrails(management, 'Guardrails', {
      trail: SecureTrail.fromTrailArn(
        management,
        'Trail',
        `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/organization-trail`,
      ),
      breakGlassPrincipalArns: BREAK_GLASS,
    });
    const [trail, tag] = scpStatements(management);
    expect(trail.Condition.StringNotEquals).toEqual({ 'aws:PrincipalTag/cdk-cloudtrail-kit-trail-manager': 'true' });
    expect(tag).toMatchObject({
      Sid: 'DenyTrailManagerTag',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': 'cdk-cloudtrail-kit-trail-manager' } },
    });
  });
});

describe('a key known by an alias is protected on the key, not only the alias', () => {
  const cases: Array<[string, (s: Stack) => kms.IKey, string]> = [
    ['kms.Alias.fromAliasName', (s) => kms.Alias.fromAliasName(s, 'Alias', 'alias/logs'), 'alias/logs'],
    [
      'kms.Key.fromKeyArn of an alias ARN made with formatArn',
      (s) => kms.Key.fromKeyArn(s, 'Key', s.formatArn({ service: 'kms', resource: 'alias', resourceName: 'logs' })),
      'alias/logs',
    ],
    [
      'kms.Key.fromKeyArn of a literal alias ARN',
      (s) => kms.Key.fromKeyArn(s, 'Key', `arn:aws:kms:${REGION}:${AUDIT}:alias/logs`),
      'alias/logs',
    ],
  ];
  test.each(cases)('%s: every key carrying the alias (kms:ResourceAliases), and the alias', (_name, key, alias) => {
    const stack = stackIn(AUDIT);
    new TrailGuardrails(stack, 'Guardrails', {
      trail: SecureTrail.fromTrailArn(stack, 'Trail', `arn:aws:cloudtrail:${REGION}:${AUDIT}:trail/imported-trail`),
      breakGlassPrincipalArns: BREAK_GLASS,
      encryptionKey: key(stack),
    });
    const statements = scpStatements(stack);
    expect(statements.find((s) => s.Sid === 'DenyLogKeyChanges')).toMatchObject({
      Resource: `arn:aws:kms:${REGION}:${AUDIT}:key/*`,
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': alias } },
    });
    expect(statements.find((s) => s.Sid === 'DenyLogKeyAliasChanges')).toMatchObject({
      Resource: `arn:aws:kms:${REGION}:${AUDIT}:${alias}`,
    });
  });

  test('an alias this app makes: its target key by ARN, and the alias', () => {
    const stack = stackIn(AUDIT);
    const alias = new kms.Alias(stack, 'Alias', { aliasName: 'alias/logs', targetKey: new kms.Key(stack, 'Key') });
    new TrailGuardrails(stack, 'Guardrails', {
      trail: SecureTrail.fromTrailArn(stack, 'Trail', `arn:aws:cloudtrail:${REGION}:${AUDIT}:trail/imported-trail`),
      breakGlassPrincipalArns: BREAK_GLASS,
      encryptionKey: alias,
    });
    const statements = scpStatements(stack);
    const key = statements.find((s) => s.Sid === 'DenyLogKeyChanges');
    expect(key.Resource).toMatch(new RegExp(`^arn:aws:kms:${REGION}:${AUDIT}:key/`));
    expect(key.Resource).not.toMatch(/key\/\*$/);
    expect(key.Condition['ForAnyValue:StringEquals']).toBeUndefined();
    expect(statements.find((s) => s.Sid === 'DenyLogKeyAliasChanges')).toMatchObject({
      Resource: `arn:aws:kms:${REGION}:${AUDIT}:alias/logs`,
    });
  });
});

describe('the organization the resource control policy names', () => {
  test("differs from the prerequisites': synth fails naming both ids and the fix", () => {
    const stack = stackIn(MANAGEMENT);
    const prerequisites = new OrganizationTrailPrerequisites(stack, 'Prerequisites', {
      organizationId: 'o-zzzzzzzzzz',
    });
    const trail = new SecureTrail(stack, 'Trail', { trailName: 'organization-trail', organizationId: 'o-zzzzzzzzzz' });
    prerequisites.orderBefore(trail);
    expect(
      synthesizing(
        () =>
          new TrailGuardrails(stack, 'Guardrails', {
            trail,
            breakGlassPrincipalArns: BREAK_GLASS,
            organizationId: ORG,
          }),
      ),
    ).toThrow(
      `[GUARDRAIL_SAME_ORGANIZATION] Stack111111111111/Guardrails: prop organizationId '${ORG}' is not the organization id 'o-zzzzzzzzzz' of Stack111111111111/Prerequisites`,
    );
    expect(synthesizing(() => stack)).toThrow(/Fix: give both the same organization id/);
  });

  test('the same id, or one known only at deploy time, passes', () => {
    const stack = stackIn(MANAGEMENT);
    new OrganizationTrailPrerequisites(stack, 'Prerequisites', { organizationId: ORG });
    const trail = new SecureTrail(stack, 'Trail', { trailName: 'organization-trail', organizationId: ORG });
    expect(
      () =>
        new TrailGuardrails(stack, 'Guardrails', { trail, breakGlassPrincipalArns: BREAK_GLASS, organizationId: ORG }),
    ).not.toThrow();
  });
});

describe("docs/organization.md's layout: prerequisites and guardrails in one nested stack, the trail in its parent", () => {
  const make = (order: (prerequisites: OrganizationTrailPrerequisites, trail: SecureTrail) => void) => {
    // One of these layouts has the dependency cycle on purpose; each test runs cfn-lint on its own template.
    const app = new App({
      context: uncheckedTemplates(
        'the docs/organization.md layout test shows a dependency cycle (cfn-lint E3004) on purpose',
      ),
    });
    const stack = stackIn(MANAGEMENT, app, 'Management');
    const nested = new NestedStack(stack, 'Organization');
    const prerequisites = new OrganizationTrailPrerequisites(nested, 'Prerequisites', {
      delegatedAdministratorAccountId: AUDIT,
      organizationId: ORG,
    });
    const trail = new SecureTrail(stack, 'OrgTrail', { trailName: 'organization-trail', organizationId: ORG });
    order(prerequisites, trail);
    new TrailGuardrails(nested, 'Guardrails', {
      trail,
      breakGlassPrincipalArns: BREAK_GLASS,
      targetIds: ['r-a1b2'],
      organizationId: ORG,
      managementAccountId: MANAGEMENT,
    });
    Validations.of(stack).acknowledge({ id: 'cdk-cloudtrail-kit:guardrailManagementAccount', reason: 'test' });
    return { app, stack };
  };

  test('trail.node.addDependency(prerequisites) makes every resource of the trail wait for the nested stack: a cycle', () => {
    const { stack } = make((prerequisites, trail) => trail.node.addDependency(prerequisites));
    expect(() => Template.fromStack(stack)).toThrow(
      /dependency cycle: OrganizationNestedStackOrganizationNestedStackResource\w+ -> OrgTrailBucket/,
    );
  });

  test('prerequisites.orderBefore(trail) makes only the trail wait: no cycle, and cfn-lint finds none', async () => {
    const { app, stack } = make((prerequisites, trail) => prerequisites.orderBefore(trail));
    const resources = Template.fromStack(stack).toJSON().Resources;
    const nestedId = Object.keys(resources).find((id) => resources[id].Type === 'AWS::CloudFormation::Stack')!;
    const waiting = Object.keys(resources).filter((id) => (resources[id].DependsOn ?? []).includes(nestedId));
    expect(waiting.map((id) => resources[id].Type)).toEqual(['AWS::CloudTrail::Trail']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-before-'));
    const assembly = app.synth({ outdir: dir, force: true } as any);
    const files = fs
      .readdirSync(assembly.directory)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => path.join(assembly.directory, f));
    expect(files.length).toBe(2);
    expect((await cfnLintFiles(files, 1)).filter((line) => /E3004|E3005/.test(line))).toEqual([]);
  }, 120_000);

  test('an imported trail cannot be ordered: the error says what to pass', () => {
    const stack = stackIn(MANAGEMENT);
    const prerequisites = new OrganizationTrailPrerequisites(stack, 'Prerequisites');
    prerequisites.orderBefore(
      SecureTrail.fromTrailArn(stack, 'Trail', `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/imported-trail`),
    );
    expect(synthesizing(() => stack)).toThrow(
      /\[ORDER_BEFORE_OWN_TRAIL\] Stack111111111111\/Prerequisites: prop orderBefore\(\) 'Stack111111111111\/Trail' has no trail resource of its own.*Fix: pass the SecureTrail/,
    );
  });

  test("a delegated administrator's trail: its calls by ARN wait too", () => {
    const app = new App();
    const audit = stackIn(AUDIT, app, 'Audit');
    const prerequisites = new OrganizationTrailPrerequisites(audit, 'Prerequisites');
    const trail = new SecureTrail(audit, 'Trail', {
      trailName: 'organization-trail',
      organizationId: ORG,
      managementAccountId: MANAGEMENT,
    });
    prerequisites.orderBefore(trail);
    const resources = Template.fromStack(audit).toJSON().Resources;
    const created = Object.values<any>(resources).find((r) => r.Type === 'Custom::CloudTrailOrganizationTrail');
    expect(created.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^PrerequisitesTrustedAccess/)]));
  });
});
