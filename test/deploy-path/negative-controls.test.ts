import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureTrail, TrailBucket, TrailGuardrails, TrailIntegrityVerifier, TrailKey } from '../../src';
import { deployPathReport, describeDenied } from '../oracles/deploy-path';
import { cloudFormationActions } from '../oracles/deploy-path/actions';
import { HANDLER_PERMISSIONS } from '../oracles/deploy-path/handler-permissions';
import { uncheckedTemplates } from '../oracles/templates';

/**
 * These apps are broken or partial on purpose (an empty stack, an unknown type): the template oracles are not theirs.
 */
const UNCHECKED = uncheckedTemplates(
  'negative controls of the deploy-path oracle: deliberately broken or partial apps',
);

/*
 * The oracle can fail: a broken policy, a deny the layout adds, and a resource type it does not know each show up as
 * a denied call or an error, where the intact layout is allowed.
 */

const ORG = 'o-a1b2c3d4e5';
const REGION = 'us-east-1';
const env = (account: string) => ({ env: { account, region: REGION } });
const deniedActions = (findings: Awaited<ReturnType<typeof deployPathReport>>['findings'], principal: RegExp) =>
  [
    ...new Set(
      findings
        .filter((f) => f.decision !== 'Allowed' && principal.test(f.principal))
        .map((f) => `${f.action} ${f.decision}`),
    ),
  ].sort();

describe('a bucket policy without the CloudTrail statements', () => {
  function app(withoutCloudTrail: boolean): App {
    const a = new App({ context: UNCHECKED });
    const stack = new Stack(a, 'Trail', env('111111111111'));
    const trail = new SecureTrail(stack, 'Trail', { trailName: 'account-trail' });
    if (withoutCloudTrail) {
      const policy = trail.bucket!.policy!.node.defaultChild as s3.CfnBucketPolicy;
      const document = stack.resolve(policy.policyDocument);
      policy.addPropertyOverride('PolicyDocument', {
        ...document,
        Statement: document.Statement.filter((s: any) => !/^AWSCloudTrail/.test(s.Sid ?? '')),
      });
    }
    return a;
  }

  test("CloudTrail's delivery is denied, and allowed with them", async () => {
    const broken = await deployPathReport(app(true));
    expect(deniedActions(broken.findings, /^cloudtrail\.amazonaws\.com$/)).toEqual([
      's3:GetBucketAcl ImplicitlyDenied',
      's3:PutObject ImplicitlyDenied',
    ]);
    expect(describeDenied((await deployPathReport(app(false))).findings)).toBe('');
  });
});

describe('an SCP that denies cloudtrail:PutEventSelectors', () => {
  function app(withDeny: boolean): App {
    const a = new App({ context: UNCHECKED });
    const management = new Stack(a, 'Management', env('111111111111'));
    if (withDeny) {
      new organizations.CfnPolicy(management, 'DenySelectors', {
        name: 'deny-selectors',
        type: 'SERVICE_CONTROL_POLICY',
        targetIds: ['r-a1b2'],
        content: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'cloudtrail:PutEventSelectors', Resource: '*' }],
        },
      });
    }
    const audit = new Stack(a, 'Audit', env('333333333333'));
    new SecureTrail(audit, 'OrgTrail', {
      trailName: 'organization-trail',
      organizationId: ORG,
      managementAccountId: '111111111111',
      cloudWatchLogsEncryptionKey: new TrailKey(audit, 'LogsKey'),
    });
    return a;
  }

  test("the delegated administrator's provider call is denied, by that SCP; allowed without it", async () => {
    const report = await deployPathReport(app(true), { managementAccount: '111111111111' });
    const denied = report.findings.filter((f) => f.decision !== 'Allowed');
    expect(denied.length).toBeGreaterThan(0);
    expect(
      denied.every((f) => f.action === 'cloudtrail:PutEventSelectors' && f.deniedBy === 'SCP deny-selectors'),
    ).toBe(true);
    expect(denied.map((f) => f.source).join('\n')).toMatch(
      /custom resource Custom::CloudTrailOrganizationTrailEventSelectors .* create/,
    );
    expect(describeDenied((await deployPathReport(app(false), { managementAccount: '111111111111' })).findings)).toBe(
      '',
    );
  });
});

describe("an RCP written for another organization than the trail's", () => {
  function app(guardrailOrg: string, otherRcpOrg?: string): App {
    const a = new App({ context: UNCHECKED });
    const trailArn = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/organization-trail';
    const archive = new Stack(a, 'LogArchive', env('222222222222'));
    const key = new TrailKey(archive, 'Key', { alias: 'alias/cloudtrail/organization-trail' });
    key.allowTrailArn(trailArn);
    const bucket = new TrailBucket(archive, 'Bucket', { bucketName: 'org-logs', encryptionKey: key });
    bucket.allowTrailArn(trailArn, { organizationId: ORG });
    const management = new Stack(a, 'Management', env('111111111111'));
    const trail = new SecureTrail(management, 'Trail', {
      trailName: 'organization-trail',
      organizationId: ORG,
      bucket: s3.Bucket.fromBucketName(management, 'Archive', 'org-logs'),
      encryptionKey: kms.Key.fromKeyArn(
        management,
        'ArchiveKey',
        'arn:aws:kms:us-east-1:222222222222:alias/cloudtrail/organization-trail',
      ),
      cloudWatchLogsEncryptionKey: new TrailKey(management, 'LogsKey'),
    });
    // The SecureTrail knows its organization, and a different id is refused at synth: the guardrails of a wrong id
    // watch the trail as imported without it, as a stack of another app would.
    const watched =
      guardrailOrg === ORG
        ? trail
        : SecureTrail.fromTrailAttributes(management, 'TrailElsewhere', {
            trailArn: trail.trailArn,
            bucket: trail.bucket,
            encryptionKey: trail.encryptionKey,
            logGroup: trail.logGroup,
          });
    new TrailGuardrails(management, 'Guardrails', {
      trail: watched,
      breakGlassPrincipalArns: ['arn:aws:iam::*:role/cdk-hnb659fds-cfn-exec-role-*'],
      targetIds: ['r-a1b2'],
      organizationId: guardrailOrg,
    });
    if (otherRcpOrg) {
      // An RCP as one is often written by hand: services act only for the organization it names, with no exemption.
      new organizations.CfnPolicy(management, 'OtherRcp', {
        name: 'other-rcp',
        type: 'RESOURCE_CONTROL_POLICY',
        targetIds: ['r-a1b2'],
        content: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: ['s3:*', 'kms:*'],
              Resource: '*',
              Condition: {
                StringNotEqualsIfExists: { 'aws:SourceOrgID': otherRcpOrg },
                Bool: { 'aws:PrincipalIsAWSService': 'true' },
              },
            },
          ],
        },
      });
    }
    return a;
  }

  test("with a wrong id the guardrails' RCP denies the organization's own deploy role; CloudTrail still delivers (exempt by aws:SourceArn)", async () => {
    const wrong = await deployPathReport(app('o-zzzzzzzzzz'), { organizationId: ORG });
    expect(deniedActions(wrong.findings, /^cloudtrail\.amazonaws\.com$/)).toEqual([]);
    const denied = wrong.findings.filter((f) => f.decision !== 'Allowed');
    expect(denied.length).toBeGreaterThan(0);
    expect(
      denied.every((f) => /cfn-exec-role/.test(f.principal) && f.deniedBy === 'RCP ManagementGuardrails2671B64D-rcp'),
    ).toBe(true);
    expect(describeDenied((await deployPathReport(app(ORG), { organizationId: ORG })).findings)).toBe('');
  });

  test("an RCP for another organization without that exemption denies CloudTrail's delivery (bucket and key), and is named", async () => {
    const mismatched = await deployPathReport(app(ORG, 'o-zzzzzzzzzz'), { organizationId: ORG });
    expect(deniedActions(mismatched.findings, /^cloudtrail\.amazonaws\.com$/)).toEqual([
      'kms:DescribeKey ExplicitlyDenied',
      'kms:GenerateDataKey ExplicitlyDenied',
      's3:GetBucketAcl ExplicitlyDenied',
      's3:PutObject ExplicitlyDenied',
    ]);
    expect(
      mismatched.findings.filter((f) => f.decision !== 'Allowed').every((f) => f.deniedBy === 'RCP other-rcp'),
    ).toBe(true);
    // With the right id CloudTrail delivers (S3's access logging, which this hand-written RCP does not exempt, stays
    // denied).
    expect(
      deniedActions(
        (await deployPathReport(app(ORG, ORG), { organizationId: ORG })).findings,
        /^cloudtrail\.amazonaws\.com$/,
      ),
    ).toEqual([]);
  });
});

describe('a resource type the action table does not know', () => {
  test('the oracle refuses it rather than allowing it', async () => {
    expect(() => cloudFormationActions('AWS::Example::Unknown', 'create')).toThrow(
      /no handler permissions for AWS::Example::Unknown/,
    );
    const a = new App({ context: UNCHECKED });
    new CfnResource(new Stack(a, 'Unknown', env('111111111111')), 'Thing', { type: 'AWS::Example::Unknown' });
    await expect(deployPathReport(a)).rejects.toThrow(/no handler permissions for AWS::Example::Unknown/);
  });

  test('a table without a type the app emits is refused too', async () => {
    const { ['AWS::S3::Bucket']: _, ...withoutBuckets } = HANDLER_PERMISSIONS;
    const a = new App({ context: UNCHECKED });
    new s3.Bucket(new Stack(a, 'Bucket', env('111111111111')), 'Bucket');
    await expect(deployPathReport(a, { handlerPermissions: withoutBuckets })).rejects.toThrow(
      /no handler permissions for AWS::S3::Bucket/,
    );
    await expect(deployPathReport(a)).resolves.toBeDefined();
  });
});

describe("an integrity verifier whose role lost its read of the trail's files", () => {
  function app(withoutRead: boolean): App {
    const a = new App({ context: UNCHECKED });
    const stack = new Stack(a, 'Trail', env('111111111111'));
    const trail = new SecureTrail(stack, 'Trail', { trailName: 'account-trail' });
    const verifier = new TrailIntegrityVerifier(stack, 'Integrity', { trail });
    if (withoutRead) {
      const policy = verifier.verifyFunction.role!.node.findChild('DefaultPolicy').node.defaultChild as CfnResource;
      const document = stack.resolve((policy as any).policyDocument);
      policy.addPropertyOverride('PolicyDocument', {
        ...document,
        Statement: document.Statement.filter((s: any) => s.Action !== 's3:GetObject'),
      });
    }
    return a;
  }

  test('its reads of digest and log files are denied, and allowed with it', async () => {
    const broken = await deployPathReport(app(true));
    expect(deniedActions(broken.findings, /VerifyFunctionRole/)).toEqual(['s3:GetObject ImplicitlyDenied']);
    expect(describeDenied((await deployPathReport(app(false))).findings)).toBe('');
  });
});
