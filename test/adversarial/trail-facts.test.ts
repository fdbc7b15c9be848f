/*
 * Adversarial cases for the facts an ITrail carries (isOrganizationTrail, organizationId, isMultiRegionTrail,
 * logFileValidationEnabled), the consumers that read them (TrailLogTable, TrailGuardrails, TrailBucket.allowTrail,
 * TrailDeliveryMonitor, TrailIntegrityVerifier), SecureTrail.logBucket / logEncryptionKey and the static isXxx methods.
 * Written from AWS documentation and the library's public documentation (API.md, README.md, docs/*.md) alone.
 *
 * - invalid: AWS documents the value as rejected (or the documented library rule applies); synth must fail with
 *   `[RULE_ID] <path>: ... Fix: ...`, and the constructors must not throw (errors are collected and thrown at synth).
 * - valid: AWS documents the value as accepted (or it is a token / null for an optional prop); synth must succeed.
 * - `test.failing` marks a case where the library disagrees with this reading of AWS; its comment says how.
 *
 * Sources cited below:
 * ORG_ID      = https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html
 *               Id: "The regex pattern for an organization ID string requires "o-" followed by from 10 to 32 lowercase
 *               letters or digits." (^o-[a-z0-9]{10,32}$)
 * ORG_TRAIL   = https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
 *               "Organization trails log events for the management account and all member accounts"; "All organization
 *               trails created using the console are multi-Region organization trails" (so the API/CLI may create a
 *               single-Region one: nothing requires an organization trail to be multi-Region).
 * ORG_CLI     = https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-an-organizational-trail-by-using-the-aws-cli.html
 *               the organization trail's bucket policy: s3:PutObject on
 *               arn:aws:s3:::bucket/AWSLogs/<managementAccountID>/*
 *               and on arn:aws:s3:::bucket/AWSLogs/<o-organizationID>/*, each with aws:SourceArn
 *               arn:aws:cloudtrail:region:managementAccountID:trail/trailName.
 * CREATE      = https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html
 *               IsOrganizationTrail: "Specifies whether the trail is created for all accounts in an organization ... or
 *               only for the current AWS account"; IsMultiRegionTrail; EnableLogFileValidation.
 * TRAILS      = https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-trails.html
 *               "When you create a single-Region trail, CloudTrail records the events in that Region only."
 * VALIDATION  = https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
 *               digest files are delivered only when log file integrity validation is enabled.
 * ATHENA_ORG  = https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-org-wide-trail.html
 *               organization logs: LOCATION 's3://bucket/AWSLogs/organization_id/Account_ID/CloudTrail/<region>/...'
 * ATHENA_PP   = https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html
 *               'storage.location.template'='s3://bucket/AWSLogs/account-id/CloudTrail/${region}/${timestamp}'
 * LIB         = this library's API.md / docs (ITrail, TrailAttributes, AllowTrailOptions, TrailLogTableProps,
 *               TrailGuardrailsProps, docs/constraints.md TRAIL_ORGANIZATION_ID and IMPORTED_TRAIL_ORGANIZATION).
 */
import { App, CfnCondition, CfnOutput, CfnParameter, Fn, Lazy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ENV, expectAccepted, expectRejected, resources } from './harness';
import {
  CisAlarms,
  ITrail,
  OrganizationTrailPrerequisites,
  SecureTrail,
  TrailAccessLogsBucket,
  TrailBucket,
  TrailDeliveryMonitor,
  TrailGuardrails,
  TrailIntegrityVerifier,
  TrailKey,
  TrailLogTable,
  TrailQueryWorkGroup,
} from '../../src';

const MANAGEMENT = '111111111111';
const LOG_ARCHIVE = '222222222222';
const ORG = 'o-a1b2c3d4e5';
const OTHER_ORG = 'o-z9y8x7w6v5';
const ORG_TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/organization-trail`;
const BREAK_GLASS = ['arn:aws:iam::*:role/BreakGlass'];

/** The Glue table's projection parameters, with each value flattened to text (an Fn::Join's literal parts joined). */
function tableParameters(template: any): Record<string, string> {
  const tables = resources(template, 'AWS::Glue::Table');
  expect(tables).toHaveLength(1);
  const params = tables[0].TableInput.Parameters ?? {};
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, flatten(v)]));
}

/** Text of a CloudFormation value: strings as is, Fn::Join pieces joined, other intrinsics as `{…}`. */
function flatten(value: any): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flatten).join('');
  if (value && typeof value === 'object' && 'Fn::Join' in value) {
    const [sep, parts] = value['Fn::Join'];
    return (parts as any[]).map(flatten).join(sep);
  }
  return '{' + Object.keys(value ?? {}).join(',') + '}';
}

/** Every flattened Resource of the bucket policy statements that allow s3:PutObject to CloudTrail. */
function cloudTrailPutResources(template: any): { resource: string; statement: any }[] {
  const out: { resource: string; statement: any }[] = [];
  for (const policy of resources(template, 'AWS::S3::BucketPolicy')) {
    for (const statement of policy.PolicyDocument.Statement) {
      const actions = [statement.Action].flat();
      const principal = JSON.stringify(statement.Principal ?? {});
      if (statement.Effect !== 'Allow' || !actions.includes('s3:PutObject')) continue;
      if (!principal.includes('cloudtrail.amazonaws.com')) continue;
      for (const r of [statement.Resource].flat()) out.push({ resource: flatten(r), statement });
    }
  }
  return out;
}

function orgTrail(s: Stack, props: Record<string, unknown> = {}): SecureTrail {
  return new SecureTrail(s, 'Trail', { organizationId: ORG, ...props } as any);
}

function accountTrail(s: Stack, props: Record<string, unknown> = {}): SecureTrail {
  return new SecureTrail(s, 'Trail', props as any);
}

/** A trail of the management account imported with its log bucket (as the log-archive side sees it). */
function imported(s: Stack, attrs: Record<string, unknown> = {}): ITrail {
  return SecureTrail.fromTrailAttributes(s, 'Imported', {
    trailArn: ORG_TRAIL_ARN,
    bucket: s3.Bucket.fromBucketName(s, 'LogBucket', 'org-trail-logs'),
    ...attrs,
  } as any);
}

// =====================================================================================================================
// SecureTrail: the facts it carries, logBucket / logEncryptionKey
// =====================================================================================================================
describe('SecureTrail facts', () => {
  // LIB (SecureTrail.isOrganizationTrail "always set"; isMultiRegionTrail and logFileValidationEnabled read from its
  // AWS::CloudTrail::Trail); defaults: multi-Region and log file validation on (SecureTrailProps).
  test('a default trail: account trail, multi-Region, log file validation on, no organization id', () => {
    const stack = new Stack(new App(), 'Adv', { env: ENV });
    const trail = accountTrail(stack);
    expect(trail.isOrganizationTrail).toBe(false);
    expect(trail.organizationId).toBeUndefined();
    expect(trail.isMultiRegionTrail).toBe(true);
    expect(trail.logFileValidationEnabled).toBe(true);
  });
  // CREATE IsOrganizationTrail / LIB: "Whether this is an organization trail (true with organizationId)"
  test('an organization trail carries isOrganizationTrail and its organizationId', () => {
    const stack = new Stack(new App(), 'Adv', { env: ENV });
    const trail = orgTrail(stack);
    expect(trail.isOrganizationTrail).toBe(true);
    expect(trail.organizationId).toBe(ORG);
  });
  // CREATE IsMultiRegionTrail / EnableLogFileValidation false are accepted by CloudTrail: the facts say so
  test('isMultiRegionTrail: false and enableLogFileValidation: false are carried as false', () => {
    const stack = new Stack(new App(), 'Adv', { env: ENV });
    const trail = accountTrail(stack, { isMultiRegionTrail: false, enableLogFileValidation: false });
    expect(trail.isMultiRegionTrail).toBe(false);
    expect(trail.logFileValidationEnabled).toBe(false);
  });
  // LIB: "Read from its AWS::CloudTrail::Trail, so an escape-hatch change counts"
  test('an escape-hatch change of the CfnTrail is what the facts report', () => {
    const stack = new Stack(new App(), 'Adv', { env: ENV });
    const trail = accountTrail(stack);
    trail.cfnTrail.isMultiRegionTrail = false;
    trail.cfnTrail.enableLogFileValidation = false;
    expect(trail.isMultiRegionTrail).toBe(false);
    expect(trail.logFileValidationEnabled).toBe(false);
  });
  // LIB: "undefined when known only at deploy time" (a condition decides it at deploy time)
  test('facts decided by a CloudFormation condition are undefined, not guessed', () => {
    const stack = new Stack(new App(), 'Adv', { env: ENV });
    const trail = accountTrail(stack);
    const cond = new CfnCondition(stack, 'Multi', {
      expression: Fn.conditionEquals(new CfnParameter(stack, 'P', { type: 'String' }).valueAsString, 'yes'),
    });
    trail.cfnTrail.isMultiRegionTrail = Fn.conditionIf(cond.logicalId, true, false) as any;
    trail.cfnTrail.enableLogFileValidation = Fn.conditionIf(cond.logicalId, true, false) as any;
    expect(trail.isMultiRegionTrail).toBeUndefined();
    expect(trail.logFileValidationEnabled).toBeUndefined();
  });
  // LIB: logBucket / logEncryptionKey are "the same objects as bucket / encryptionKey"
  test('logBucket === bucket and logEncryptionKey === encryptionKey (made here)', () => {
    const stack = new Stack(new App(), 'Adv', { env: ENV });
    const trail = accountTrail(stack);
    expect(trail.logBucket).toBeDefined();
    expect(trail.logEncryptionKey).toBeDefined();
    expect(trail.logBucket).toBe(trail.bucket);
    expect(trail.logEncryptionKey).toBe(trail.encryptionKey);
  });
  // LIB: "made here or given as bucket / encryptionKey": the given objects themselves
  test('logBucket and logEncryptionKey are the given bucket and key', () => {
    const stack = new Stack(new App(), 'Adv', { env: ENV });
    const bucket = new TrailBucket(stack, 'Bucket');
    const key = new TrailKey(stack, 'Key');
    const trail = new SecureTrail(stack, 'Trail', { bucket, encryptionKey: key });
    expect(trail.logBucket).toBe(bucket);
    expect(trail.bucket).toBe(bucket);
    expect(trail.logEncryptionKey).toBe(key);
    expect(trail.encryptionKey).toBe(key);
  });
  // ORG_TRAIL: only the console forces multi-Region; a single-Region organization trail is valid CloudTrail
  test('a single-Region organization trail synthesizes, and a TrailLogTable over it too', () => {
    expectAccepted((s) => {
      const trail = orgTrail(s, { isMultiRegionTrail: false });
      expect(trail.isMultiRegionTrail).toBe(false);
      expect(trail.isOrganizationTrail).toBe(true);
      new TrailLogTable(s, 'Table', { trail });
    });
  });
});

// =====================================================================================================================
// SecureTrail.fromTrailAttributes: the facts of an imported trail
// =====================================================================================================================
describe('imported trail facts (valid)', () => {
  // LIB TrailAttributes: each fact as given
  test('an import with every fact carries them', () => {
    const stack = new Stack(new App(), 'Adv', { env: ENV });
    const trail = imported(stack, {
      organizationId: ORG,
      isOrganizationTrail: true,
      isMultiRegionTrail: false,
      logFileValidationEnabled: true,
    });
    expect(trail.isOrganizationTrail).toBe(true);
    expect(trail.organizationId).toBe(ORG);
    expect(trail.isMultiRegionTrail).toBe(false);
    expect(trail.logFileValidationEnabled).toBe(true);
  });
  // LIB TrailAttributes.isOrganizationTrail: "Default: true when organizationId is given"
  test('an import with only organizationId is an organization trail', () => {
    const stack = new Stack(new App(), 'Adv', { env: ENV });
    const trail = imported(stack, { organizationId: ORG });
    expect(trail.isOrganizationTrail).toBe(true);
  });
  // LIB ITrail: "Undefined when not known, e.g. a trail imported by ARN or name"
  test('imports without facts (attributes, ARN, name) know none of them', () => {
    const stack = new Stack(new App(), 'Adv', { env: ENV });
    for (const trail of [
      imported(stack),
      SecureTrail.fromTrailArn(stack, 'ByArn', ORG_TRAIL_ARN),
      SecureTrail.fromTrailName(stack, 'ByName', 'organization-trail'),
    ]) {
      expect(trail.isOrganizationTrail).toBeUndefined();
      expect(trail.organizationId).toBeUndefined();
      expect(trail.isMultiRegionTrail).toBeUndefined();
      expect(trail.logFileValidationEnabled).toBeUndefined();
    }
  });
  // ORG_ID: "o-" followed by 10 to 32 lowercase letters or digits: both ends of the range are valid
  test('organizationId of o- plus 10 and o- plus 32 characters is accepted', () => {
    expectAccepted((s) => {
      const t10 = SecureTrail.fromTrailAttributes(s, 'T10', {
        trailArn: ORG_TRAIL_ARN,
        organizationId: 'o-a1b2c3d4e5',
      });
      const t32 = SecureTrail.fromTrailAttributes(s, 'T32', {
        trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/other',
        organizationId: 'o-' + 'a1'.repeat(16),
      });
      // a template needs a resource (cfn-lint E1001): a role that may read both trails' configuration
      const reader = new iam.Role(s, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
      t10.grantReadConfiguration(reader);
      t32.grantReadConfiguration(reader);
    });
  });
  // An organization id decided at deploy time is never judged at synth
  test('an organizationId from a CfnParameter is accepted, and a TrailLogTable over the import too', () => {
    expectAccepted((s) => {
      const org = new CfnParameter(s, 'Org', { type: 'String' }).valueAsString;
      new TrailLogTable(s, 'Table', { trail: imported(s, { organizationId: org }) });
    });
  });
  // same, with Fn.importValue, read by TrailGuardrails (its RCP names that organization)
  test('an organizationId from Fn.importValue is accepted by TrailGuardrails', () => {
    expectAccepted((s) => {
      new TrailGuardrails(s, 'Guardrails', {
        trail: imported(s, { organizationId: Fn.importValue('OrganizationId') }),
        breakGlassPrincipalArns: BREAK_GLASS,
      });
    });
  });
  // null for optional attributes (as a JavaScript caller or a jsii language's nil may pass) means absent
  test('null for every optional fact is treated as absent, never a crash', () => {
    expectAccepted((s) => {
      const trail = imported(s, {
        organizationId: null,
        isOrganizationTrail: null,
        isMultiRegionTrail: null,
        logFileValidationEnabled: null,
        s3KeyPrefix: null,
      });
      expect(trail.organizationId ?? undefined).toBeUndefined();
      new TrailLogTable(s, 'Table', { trail });
    });
  });
  // LIB TrailAttributes: a fact given as an unresolved token is not known at synth: organizationId present and
  // isOrganizationTrail a token must not be taken as "false plus an id"
  test('isOrganizationTrail as a token beside an organizationId is not reported', () => {
    expectAccepted((s) => {
      const trail = imported(s, { organizationId: ORG, isOrganizationTrail: Lazy.any({ produce: () => true }) });
      // LIB ITrail.grantReadLogs: "with organizationId, [prefix/]AWSLogs/<organization id>/" (and a template needs a
      // resource, cfn-lint E1001)
      trail.grantReadLogs(new iam.Role(s, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
    });
  });
});

describe('imported trail facts (invalid)', () => {
  // ORG_ID: the organization id pattern ^o-[a-z0-9]{10,32}$
  const malformed: [string, string][] = [
    ['o- plus 9 characters', 'o-a1b2c3d4e'],
    ['o- plus 33 characters', 'o-' + 'a'.repeat(33)],
    ['uppercase letters', 'o-A1B2C3D4E5'],
    ['without the o- prefix', 'a1b2c3d4e5ab'],
    ['a leading space', ' o-a1b2c3d4e5'],
    ['a trailing newline', 'o-a1b2c3d4e5\n'],
    ['a root id instead (r-...)', 'r-a1b2'],
    ['an organizational unit id instead (ou-...)', 'ou-a1b2-c3d4e5f6'],
    ['an underscore', 'o-a1b2c3_d4e5'],
    ['an empty string', ''],
  ];
  test.each(malformed)('organizationId with %s is rejected', (_label, organizationId) => {
    expectRejected((s) => imported(s, { organizationId }), undefined, 'Imported');
  });
  // LIB IMPORTED_TRAIL_ORGANIZATION (docs/constraints.md) / ORG_TRAIL: only an organization trail has an organization
  // id; an account trail writes under AWSLogs/<account>/ only
  test('isOrganizationTrail: false with an organizationId is rejected on its own', () => {
    expectRejected(
      (s) => imported(s, { isOrganizationTrail: false, organizationId: ORG }),
      'IMPORTED_TRAIL_ORGANIZATION',
      'Imported',
    );
  });
  // same, and the contradiction must not be hidden by a consumer that reads the id
  test('isOrganizationTrail: false with an organizationId is rejected when a TrailLogTable reads it', () => {
    expectRejected((s) => {
      new TrailLogTable(s, 'Table', { trail: imported(s, { isOrganizationTrail: false, organizationId: ORG }) });
    }, 'IMPORTED_TRAIL_ORGANIZATION');
  });
  // ATHENA_ORG: an organization trail's logs are under AWSLogs/<organization id>/<account>/: a table over an
  // organization trail whose id nobody gave cannot be placed (docs/queries.md: "a trail imported as an organization
  // trail without its organizationId" fails)
  test('a TrailLogTable over an import marked isOrganizationTrail without any organizationId is rejected', () => {
    expectRejected(
      (s) => {
        new TrailLogTable(s, 'Table', { trail: imported(s, { isOrganizationTrail: true }) });
      },
      undefined,
      'Table',
    );
  });
});

// =====================================================================================================================
// TrailLogTable
// =====================================================================================================================
describe('TrailLogTable reads the trail', () => {
  // ATHENA_ORG + ATHENA_PP: an organization trail's files are at AWSLogs/<org id>/<account>/CloudTrail/<region>/<day>/;
  // the projection must put the organization id before ${account}
  test('over an organization SecureTrail (no repeated id): the location template names the organization', () => {
    const { template } = expectAccepted((s) => {
      new TrailLogTable(s, 'Table', { trail: orgTrail(s) });
    });
    const params = tableParameters(template);
    expect(params['storage.location.template']).toMatch(
      new RegExp(`/AWSLogs/${ORG}/\\$\\{account\\}/CloudTrail/\\$\\{region\\}/\\$\\{timestamp\\}/?$`),
    );
    // docs/queries.md: an organization trail's account partition is injected (each query names the account)
    expect(params['projection.account.type']).toBe('injected');
  });
  // same, with the trail's S3 key prefix before AWSLogs (ORG_CLI: [prefix/]AWSLogs/<org id>/...)
  test('over an organization SecureTrail with a prefix: prefix/AWSLogs/<org id>/${account}/...', () => {
    const { template } = expectAccepted((s) => {
      new TrailLogTable(s, 'Table', { trail: orgTrail(s, { s3KeyPrefix: 'cloudtrail' }) });
    });
    expect(tableParameters(template)['storage.location.template']).toMatch(
      new RegExp(`/cloudtrail/AWSLogs/${ORG}/\\$\\{account\\}/CloudTrail/\\$\\{region\\}/\\$\\{timestamp\\}/?$`),
    );
  });
  // LIB TrailLogTableProps.organizationId: the trail's own value repeated is accepted, with the same location
  test('the same explicit organizationId as the trail is accepted', () => {
    const { template } = expectAccepted((s) => {
      new TrailLogTable(s, 'Table', { trail: orgTrail(s), organizationId: ORG });
    });
    expect(tableParameters(template)['storage.location.template']).toContain(`/AWSLogs/${ORG}/\${account}/`);
  });
  // null for the optional organizationId is absent: the trail's is used
  test("organizationId: null is treated as absent (the trail's organization is projected)", () => {
    const { template } = expectAccepted((s) => {
      new TrailLogTable(s, 'Table', { trail: orgTrail(s), organizationId: null as any });
    });
    expect(tableParameters(template)['storage.location.template']).toContain(`/AWSLogs/${ORG}/\${account}/`);
  });
  // a token organizationId is never reported as differing from the trail's
  test('an organizationId from a CfnParameter beside an organization trail is not reported', () => {
    expectAccepted((s) => {
      new TrailLogTable(s, 'Table', {
        trail: orgTrail(s),
        organizationId: new CfnParameter(s, 'Org', { type: 'String' }).valueAsString,
      });
    });
  });
  test('an organizationId from Lazy.string beside an organization trail is not reported', () => {
    expectAccepted((s) => {
      new TrailLogTable(s, 'Table', { trail: orgTrail(s), organizationId: Lazy.string({ produce: () => ORG }) });
    });
  });
  // ATHENA_ORG via the import: organization layout from the imported organizationId
  test('over an imported organization trail: the location template names its organization', () => {
    const { template } = expectAccepted((s) => {
      new TrailLogTable(s, 'Table', { trail: imported(s, { organizationId: ORG }) });
    });
    expect(tableParameters(template)['storage.location.template']).toMatch(
      new RegExp(
        `^s3://org-trail-logs/AWSLogs/${ORG}/\\$\\{account\\}/CloudTrail/\\$\\{region\\}/\\$\\{timestamp\\}/?$`,
      ),
    );
  });
  // LIB TrailLogTableProps.organizationId: "Give it ... with a trail imported without its organizationId"
  test('an organizationId given beside an import that does not know it is used', () => {
    const { template } = expectAccepted((s) => {
      new TrailLogTable(s, 'Table', { trail: imported(s, { isOrganizationTrail: true }), organizationId: ORG });
    });
    expect(tableParameters(template)['storage.location.template']).toContain(`/AWSLogs/${ORG}/\${account}/`);
  });
  // ATHENA_PP: an account trail's files are at AWSLogs/<account>/CloudTrail/...: no organization segment
  test('over an imported non-organization trail: AWSLogs/${account}/ with no organization segment', () => {
    const { template } = expectAccepted((s) => {
      new TrailLogTable(s, 'Table', { trail: imported(s, { isOrganizationTrail: false }) });
    });
    const location = tableParameters(template)['storage.location.template'];
    expect(location).toMatch(
      /^s3:\/\/org-trail-logs\/AWSLogs\/\$\{account\}\/CloudTrail\/\$\{region\}\/\$\{timestamp\}\/?$/,
    );
    expect(location).not.toContain('o-');
  });
  // LIB TRAIL_ORGANIZATION_ID / ORG_TRAIL: the organization trail writes under its own organization id only
  test("an organizationId other than the organization SecureTrail's is rejected", () => {
    expectRejected(
      (s) => {
        new TrailLogTable(s, 'Table', { trail: orgTrail(s), organizationId: OTHER_ORG });
      },
      'TRAIL_ORGANIZATION_ID',
      'Table',
    );
  });
  test("an organizationId other than the imported trail's is rejected", () => {
    expectRejected(
      (s) => {
        new TrailLogTable(s, 'Table', { trail: imported(s, { organizationId: ORG }), organizationId: OTHER_ORG });
      },
      'TRAIL_ORGANIZATION_ID',
      'Table',
    );
  });
  // ATHENA_PP / docs/queries.md ("an account trail given one" is an error): an account SecureTrail never writes under
  // AWSLogs/<org id>/, so a table projecting that folder would read nothing
  test('an organizationId beside an account SecureTrail is rejected', () => {
    expectRejected(
      (s) => {
        new TrailLogTable(s, 'Table', { trail: accountTrail(s), organizationId: ORG });
      },
      undefined,
      'Table',
    );
  });
  // ORG_ID: a malformed explicit id beside an import that does not know its organization
  test('a malformed explicit organizationId (uppercase) is rejected', () => {
    expectRejected(
      (s) => {
        new TrailLogTable(s, 'Table', { trail: imported(s), organizationId: 'o-A1B2C3D4E5' });
      },
      undefined,
      'Table',
    );
  });
});

// =====================================================================================================================
// TrailGuardrails
// =====================================================================================================================
describe('TrailGuardrails reads the trail', () => {
  function rcps(template: any): any[] {
    return resources(template, 'AWS::Organizations::Policy').filter((p) => p.Type === 'RESOURCE_CONTROL_POLICY');
  }
  // LIB TrailGuardrailsProps.organizationId: "Default: the trail's organizationId": a resource control policy naming it
  test("with an organization SecureTrail and no repeated id, an RCP names the trail's organization", () => {
    const { template } = expectAccepted((s) => {
      new TrailGuardrails(s, 'Guardrails', { trail: orgTrail(s), breakGlassPrincipalArns: BREAK_GLASS });
    });
    const policies = rcps(template);
    expect(policies.length).toBeGreaterThan(0);
    expect(JSON.stringify(policies)).toContain(ORG);
    expect(JSON.stringify(policies)).not.toContain(OTHER_ORG);
  });
  test('the same explicit organizationId is accepted', () => {
    expectAccepted((s) => {
      new TrailGuardrails(s, 'Guardrails', {
        trail: orgTrail(s),
        breakGlassPrincipalArns: BREAK_GLASS,
        organizationId: ORG,
      });
    });
  });
  test("organizationId: null is treated as absent (the trail's organization is used)", () => {
    const { template } = expectAccepted((s) => {
      new TrailGuardrails(s, 'Guardrails', {
        trail: orgTrail(s),
        breakGlassPrincipalArns: BREAK_GLASS,
        organizationId: null as any,
      });
    });
    expect(JSON.stringify(rcps(template))).toContain(ORG);
  });
  test('an organizationId from a CfnParameter beside an organization trail is not reported', () => {
    expectAccepted((s) => {
      new TrailGuardrails(s, 'Guardrails', {
        trail: orgTrail(s),
        breakGlassPrincipalArns: BREAK_GLASS,
        organizationId: new CfnParameter(s, 'Org', { type: 'String' }).valueAsString,
      });
    });
  });
  // LIB: "Give it for an account trail": an account trail in an organization may still get an RCP
  test('an organizationId beside an account SecureTrail is accepted (documented use)', () => {
    const { template } = expectAccepted((s) => {
      new TrailGuardrails(s, 'Guardrails', {
        trail: accountTrail(s),
        breakGlassPrincipalArns: BREAK_GLASS,
        organizationId: ORG,
      });
    });
    expect(JSON.stringify(rcps(template))).toContain(ORG);
  });
  // LIB TRAIL_ORGANIZATION_ID: the guardrails of an organization trail name that trail's organization
  test("an organizationId other than the organization SecureTrail's is rejected", () => {
    expectRejected(
      (s) => {
        new TrailGuardrails(s, 'Guardrails', {
          trail: orgTrail(s),
          breakGlassPrincipalArns: BREAK_GLASS,
          organizationId: OTHER_ORG,
        });
      },
      'TRAIL_ORGANIZATION_ID',
      'Guardrails',
    );
  });
  test("an organizationId other than the imported trail's is rejected", () => {
    expectRejected(
      (s) => {
        new TrailGuardrails(s, 'Guardrails', {
          trail: imported(s, { organizationId: ORG }),
          breakGlassPrincipalArns: BREAK_GLASS,
          organizationId: OTHER_ORG,
        });
      },
      'TRAIL_ORGANIZATION_ID',
      'Guardrails',
    );
  });
});

// =====================================================================================================================
// TrailBucket.allowTrail
// =====================================================================================================================
describe('TrailBucket.allowTrail reads the trail', () => {
  function logArchive(s: Stack): TrailBucket {
    return new TrailBucket(s, 'Bucket', { bucketName: 'org-trail-logs' });
  }
  // ORG_CLI: the organization trail's bucket policy allows s3:PutObject on AWSLogs/<managementAccountID>/* and on
  // AWSLogs/<o-organizationID>/*, each only for that trail (aws:SourceArn = the management account's trail ARN)
  test('an imported organization trail (no repeated id): writes allowed under AWSLogs/<org id>/* and AWSLogs/<account>/*', () => {
    const { template } = expectAccepted(
      (s) => {
        const bucket = logArchive(s);
        bucket.allowTrail(
          SecureTrail.fromTrailAttributes(s, 'Imported', { trailArn: ORG_TRAIL_ARN, organizationId: ORG }),
        );
      },
      { account: LOG_ARCHIVE, region: 'us-east-1' },
    );
    const puts = cloudTrailPutResources(template);
    const org = puts.find((p) => p.resource.endsWith(`/AWSLogs/${ORG}/*`));
    const own = puts.find((p) => p.resource.endsWith(`/AWSLogs/${MANAGEMENT}/*`));
    expect(org).toBeDefined();
    expect(own).toBeDefined();
    for (const p of [org!, own!]) {
      expect(JSON.stringify(p.statement.Condition ?? {})).toContain(ORG_TRAIL_ARN);
    }
  });
  // same page, for an organization SecureTrail of the same stack writing to a TrailBucket of that stack
  test('an organization SecureTrail on a TrailBucket of its stack: writes allowed under AWSLogs/<org id>/*', () => {
    const { template } = expectAccepted((s) => {
      const bucket = new TrailBucket(s, 'Bucket');
      const key = new TrailKey(s, 'Key');
      const trail = new SecureTrail(s, 'Trail', { organizationId: ORG, bucket, encryptionKey: key });
      bucket.allowTrail(trail);
      key.allowTrail(trail);
    });
    expect(cloudTrailPutResources(template).some((p) => p.resource.endsWith(`/AWSLogs/${ORG}/*`))).toBe(true);
  });
  // ORG_CLI: an account trail writes only AWSLogs/<account>/*: no organization path is opened
  test('an imported account trail (isOrganizationTrail: false): no AWSLogs/o-... path', () => {
    const { template } = expectAccepted(
      (s) => {
        logArchive(s).allowTrail(
          SecureTrail.fromTrailAttributes(s, 'Imported', { trailArn: ORG_TRAIL_ARN, isOrganizationTrail: false }),
        );
      },
      { account: LOG_ARCHIVE, region: 'us-east-1' },
    );
    const puts = cloudTrailPutResources(template);
    expect(puts.some((p) => p.resource.endsWith(`/AWSLogs/${MANAGEMENT}/*`))).toBe(true);
    expect(puts.some((p) => /\/AWSLogs\/o-/.test(p.resource))).toBe(false);
  });
  test('the same explicit organizationId is accepted', () => {
    expectAccepted(
      (s) => {
        logArchive(s).allowTrail(
          SecureTrail.fromTrailAttributes(s, 'Imported', { trailArn: ORG_TRAIL_ARN, organizationId: ORG }),
          { organizationId: ORG },
        );
      },
      { account: LOG_ARCHIVE, region: 'us-east-1' },
    );
  });
  test('options with organizationId: null, and null options, are treated as absent', () => {
    const { template } = expectAccepted(
      (s) => {
        const bucket = logArchive(s);
        bucket.allowTrail(
          SecureTrail.fromTrailAttributes(s, 'Imported', { trailArn: ORG_TRAIL_ARN, organizationId: ORG }),
          { organizationId: null as any },
        );
        bucket.allowTrail(
          SecureTrail.fromTrailAttributes(s, 'Other', {
            trailArn: `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/second`,
            organizationId: ORG,
          }),
          null as any,
        );
      },
      { account: LOG_ARCHIVE, region: 'us-east-1' },
    );
    expect(cloudTrailPutResources(template).some((p) => p.resource.endsWith(`/AWSLogs/${ORG}/*`))).toBe(true);
  });
  // LIB AllowTrailOptions.organizationId: with a trail that does not know its organization, the given id is used
  // (ORG_CLI: the AWSLogs/<org id>/* write for the organization trail)
  test('an organizationId given for an import that does not know its organization is used', () => {
    const { template } = expectAccepted(
      (s) => {
        logArchive(s).allowTrail(SecureTrail.fromTrailArn(s, 'Imported', ORG_TRAIL_ARN), { organizationId: ORG });
      },
      { account: LOG_ARCHIVE, region: 'us-east-1' },
    );
    expect(cloudTrailPutResources(template).some((p) => p.resource.endsWith(`/AWSLogs/${ORG}/*`))).toBe(true);
  });
  test('an organizationId from Lazy.string is not reported', () => {
    expectAccepted(
      (s) => {
        logArchive(s).allowTrail(
          SecureTrail.fromTrailAttributes(s, 'Imported', { trailArn: ORG_TRAIL_ARN, organizationId: ORG }),
          { organizationId: Lazy.string({ produce: () => ORG }) },
        );
      },
      { account: LOG_ARCHIVE, region: 'us-east-1' },
    );
  });
  // LIB AllowTrailOptions.organizationId: "For allowTrail, a value that is not the trail's own organizationId is an
  // error at synth"
  test("an organizationId other than the imported trail's is rejected", () => {
    expectRejected(
      (s) => {
        logArchive(s).allowTrail(
          SecureTrail.fromTrailAttributes(s, 'Imported', { trailArn: ORG_TRAIL_ARN, organizationId: ORG }),
          { organizationId: OTHER_ORG },
        );
      },
      'TRAIL_ORGANIZATION_ID',
      'Bucket',
      { account: LOG_ARCHIVE, region: 'us-east-1' },
    );
  });
  test("an organizationId other than the organization SecureTrail's is rejected", () => {
    expectRejected(
      (s) => {
        const bucket = new TrailBucket(s, 'Bucket');
        const key = new TrailKey(s, 'Key');
        const trail = new SecureTrail(s, 'Trail', { organizationId: ORG, bucket, encryptionKey: key });
        bucket.allowTrail(trail, { organizationId: OTHER_ORG });
        key.allowTrail(trail);
      },
      'TRAIL_ORGANIZATION_ID',
      'Bucket',
    );
  });
  // TRAIL_ORGANIZATION_ID. LIB AllowTrailOptions.organizationId: "For allowTrail, a
  // value that is not the trail's own organizationId is an error at synth"; an account SecureTrail's own is none
  // (isOrganizationTrail false, "always set"), and ORG_TRAIL / ORG_CLI: an account trail writes only
  // AWSLogs/<account>/*, so the AWSLogs/<org id>/* write this opens is for files the trail never writes. The library
  // must refuse it as TrailLogTable refuses the same pairing (docs/queries.md "an account trail given one").
  // AWS itself would accept the broader policy, so this is the library's documented contract, not a deploy failure.
  test('an organizationId beside an account SecureTrail is rejected', () => {
    expectRejected(
      (s) => {
        const bucket = new TrailBucket(s, 'Bucket');
        const key = new TrailKey(s, 'Key');
        const trail = new SecureTrail(s, 'Trail', { bucket, encryptionKey: key });
        bucket.allowTrail(trail, { organizationId: ORG });
        key.allowTrail(trail);
      },
      undefined,
      'Bucket',
    );
  });
});

// =====================================================================================================================
// TrailDeliveryMonitor (isMultiRegionTrail) and TrailIntegrityVerifier (logFileValidationEnabled)
// =====================================================================================================================
describe('TrailDeliveryMonitor reads isMultiRegionTrail', () => {
  // TRAILS: a single-Region trail records its own Region only: GetTrailStatus elsewhere finds no trail
  test('an imported single-Region trail with another Region listed is rejected', () => {
    expectRejected(
      (s) => {
        new TrailDeliveryMonitor(s, 'Monitor', {
          trail: SecureTrail.fromTrailAttributes(s, 'Imported', { trailArn: ORG_TRAIL_ARN, isMultiRegionTrail: false }),
          regions: ['us-east-1', 'eu-west-1'],
        });
      },
      'MONITOR_REGIONS',
      'Monitor',
    );
  });
  // LIB: "Read from its AWS::CloudTrail::Trail, so an escape-hatch change counts" (escape hatch before the monitor)
  test('a SecureTrail made single-Region by an escape hatch (before the monitor) is rejected', () => {
    expectRejected(
      (s) => {
        const trail = accountTrail(s);
        trail.cfnTrail.isMultiRegionTrail = false;
        new TrailDeliveryMonitor(s, 'Monitor', { trail, regions: ['us-east-1', 'eu-west-1'] });
      },
      'MONITOR_REGIONS',
      'Monitor',
    );
  });
  // The same escape hatch written after the monitor counts too: the library's checks run at synth and its doc says an
  // escape-hatch change counts. AWS: TRAILS ("When you create a single-Region trail, CloudTrail records the events
  // in that Region only") and GetTrailStatus (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html,
  // status from a single Region; a single-Region trail has no shadow trail elsewhere): the deployed monitor's eu-west-1
  // call fails on every run (TrailNotFoundException), the case MONITOR_REGIONS exists to reject.
  test('a SecureTrail made single-Region by an escape hatch after the monitor is rejected', () => {
    expectRejected((s) => {
      const trail = accountTrail(s);
      new TrailDeliveryMonitor(s, 'Monitor', { trail, regions: ['us-east-1', 'eu-west-1'] });
      trail.cfnTrail.isMultiRegionTrail = false;
    }, 'MONITOR_REGIONS');
  });
  // TRAILS: a multi-Region trail has shadow trails in every Region: several Regions are fine
  test('an imported multi-Region organization trail with several Regions is accepted', () => {
    expectAccepted((s) => {
      new TrailDeliveryMonitor(s, 'Monitor', {
        trail: SecureTrail.fromTrailAttributes(s, 'Imported', {
          trailArn: ORG_TRAIL_ARN,
          organizationId: ORG,
          isMultiRegionTrail: true,
        }),
        regions: ['us-east-1', 'eu-west-1'],
      });
    });
  });
  // LIB: unknown (not given) is not "single-Region"
  test('an import that does not say whether it is multi-Region, with several Regions, is accepted', () => {
    expectAccepted((s) => {
      new TrailDeliveryMonitor(s, 'Monitor', {
        trail: SecureTrail.fromTrailAttributes(s, 'Imported', { trailArn: ORG_TRAIL_ARN }),
        regions: ['us-east-1', 'eu-west-1'],
      });
    });
  });
  // LIB: a fact decided at deploy time is undefined, so never judged
  test('isMultiRegionTrail decided by a CloudFormation condition, with several Regions, is accepted', () => {
    expectAccepted((s) => {
      const trail = accountTrail(s);
      const cond = new CfnCondition(s, 'Multi', {
        expression: Fn.conditionEquals(
          new CfnParameter(s, 'P', { type: 'String', default: 'yes' }).valueAsString,
          'yes',
        ),
      });
      trail.cfnTrail.isMultiRegionTrail = Fn.conditionIf(cond.logicalId, true, false) as any;
      new TrailDeliveryMonitor(s, 'Monitor', { trail, regions: ['us-east-1', 'eu-west-1'] });
    });
  });
});

describe('TrailIntegrityVerifier reads logFileValidationEnabled', () => {
  // VALIDATION: no digest files without log file validation: nothing to verify
  test('an imported trail with logFileValidationEnabled: false is rejected', () => {
    expectRejected((s) => {
      new TrailIntegrityVerifier(s, 'Verifier', {
        trail: imported(s, { logFileValidationEnabled: false }),
      });
    }, 'VERIFIER_LOG_FILE_VALIDATION');
  });
  test('a SecureTrail with enableLogFileValidation: false is rejected', () => {
    expectRejected((s) => {
      new TrailIntegrityVerifier(s, 'Verifier', { trail: accountTrail(s, { enableLogFileValidation: false }) });
    }, 'VERIFIER_LOG_FILE_VALIDATION');
  });
  // LIB: "Read from its AWS::CloudTrail::Trail, so an escape-hatch change counts" (escape hatch before the verifier)
  test('a SecureTrail whose validation is turned off by an escape hatch (before the verifier) is rejected', () => {
    expectRejected((s) => {
      const trail = accountTrail(s);
      trail.cfnTrail.enableLogFileValidation = false;
      new TrailIntegrityVerifier(s, 'Verifier', { trail });
    }, 'VERIFIER_LOG_FILE_VALIDATION');
  });
  // The same escape hatch written after the verifier counts too. AWS: VALIDATION (digest files are created only with
  // log file integrity validation enabled): the deployed verifier has nothing to verify and its sweep reports every
  // chain overdue, which VERIFIER_LOG_FILE_VALIDATION exists to reject.
  test('a SecureTrail whose validation is turned off by an escape hatch after the verifier is rejected', () => {
    expectRejected((s) => {
      const trail = accountTrail(s);
      new TrailIntegrityVerifier(s, 'Verifier', { trail });
      trail.cfnTrail.enableLogFileValidation = false;
    }, 'VERIFIER_LOG_FILE_VALIDATION');
  });
  // an imported organization trail with validation on, in the account that owns the bucket: accepted
  test('an imported organization trail with validation on is accepted', () => {
    expectAccepted((s) => {
      new TrailIntegrityVerifier(s, 'Verifier', {
        trail: imported(s, { organizationId: ORG, logFileValidationEnabled: true }),
      });
    });
  });
  test('logFileValidationEnabled: null is treated as not known (accepted)', () => {
    expectAccepted((s) => {
      new TrailIntegrityVerifier(s, 'Verifier', { trail: imported(s, { logFileValidationEnabled: null }) });
    });
  });
  test('log file validation decided by a CloudFormation condition is accepted', () => {
    expectAccepted((s) => {
      const trail = accountTrail(s);
      const cond = new CfnCondition(s, 'Validate', {
        expression: Fn.conditionEquals(
          new CfnParameter(s, 'P', { type: 'String', default: 'yes' }).valueAsString,
          'yes',
        ),
      });
      trail.cfnTrail.enableLogFileValidation = Fn.conditionIf(cond.logicalId, true, false) as any;
      new TrailIntegrityVerifier(s, 'Verifier', { trail });
    });
  });
});

// =====================================================================================================================
// isXxx
// =====================================================================================================================
describe('isXxx', () => {
  function fixture() {
    const app = new App();
    const stack = new Stack(app, 'Adv', { env: ENV });
    const trail = new SecureTrail(stack, 'Trail');
    const bucket = new TrailBucket(stack, 'Bucket');
    const key = new TrailKey(stack, 'Key');
    const table = new TrailLogTable(stack, 'Table', { trail });
    const workGroup = new TrailQueryWorkGroup(stack, 'WorkGroup', { table });
    const alarms = new CisAlarms(stack, 'Cis', { trail });
    const accessLogs = new TrailAccessLogsBucket(stack, 'AccessLogs');
    const prerequisites = new OrganizationTrailPrerequisites(stack, 'Prerequisites', { organizationId: ORG });
    const plainBucket = new s3.Bucket(stack, 'Plain');
    const plainKey = new kms.Key(stack, 'PlainKey');
    const cdkTrail = new cloudtrail.Trail(stack, 'CdkTrail', { bucket: plainBucket });
    const importedTrail = SecureTrail.fromTrailArn(stack, 'Imported', ORG_TRAIL_ARN);
    new CfnOutput(stack, 'Keep', { value: plainKey.keyArn });
    return {
      stack,
      trail,
      bucket,
      key,
      table,
      workGroup,
      alarms,
      accessLogs,
      prerequisites,
      plainBucket,
      plainKey,
      cdkTrail,
      importedTrail,
    };
  }

  type Check = [string, (x: any) => boolean, (f: ReturnType<typeof fixture>) => any];
  const checks: Check[] = [
    ['SecureTrail.isSecureTrail', (x) => SecureTrail.isSecureTrail(x), (f) => f.trail],
    ['TrailBucket.isTrailBucket', (x) => TrailBucket.isTrailBucket(x), (f) => f.bucket],
    ['TrailKey.isTrailKey', (x) => TrailKey.isTrailKey(x), (f) => f.key],
    ['TrailLogTable.isTrailLogTable', (x) => TrailLogTable.isTrailLogTable(x), (f) => f.table],
    [
      'TrailQueryWorkGroup.isTrailQueryWorkGroup',
      (x) => TrailQueryWorkGroup.isTrailQueryWorkGroup(x),
      (f) => f.workGroup,
    ],
    ['CisAlarms.isCisAlarms', (x) => CisAlarms.isCisAlarms(x), (f) => f.alarms],
    [
      'TrailAccessLogsBucket.isTrailAccessLogsBucket',
      (x) => TrailAccessLogsBucket.isTrailAccessLogsBucket(x),
      (f) => f.accessLogs,
    ],
    [
      'OrganizationTrailPrerequisites.isOrganizationTrailPrerequisites',
      (x) => OrganizationTrailPrerequisites.isOrganizationTrailPrerequisites(x),
      (f) => f.prerequisites,
    ],
  ];

  // LIB: "Whether x is a <Class>"
  test.each(checks)('%s is true for an instance', (_name, is, pick) => {
    const f = fixture();
    expect(is(pick(f))).toBe(true);
  });
  // LIB: false for every other construct of the library, and for the aws-cdk-lib look-alikes
  test.each(checks)('%s is false for other constructs', (_name, is, pick) => {
    const f = fixture();
    const own = pick(f);
    const others = [
      f.stack,
      f.trail,
      f.bucket,
      f.key,
      f.table,
      f.workGroup,
      f.alarms,
      f.accessLogs,
      f.prerequisites,
      f.plainBucket,
      f.plainKey,
      f.cdkTrail,
      f.importedTrail,
      f.trail.logBucket,
      f.trail.cfnTrail,
    ].filter((o) => o !== own && o !== f.trail.logBucket) as any[];
    for (const other of others) expect(is(other)).toBe(false);
  });
  // plain values: never true, never a crash
  test.each(checks)('%s is false for plain objects, null, undefined, primitives', (_name, is) => {
    for (const value of [
      {},
      [],
      null,
      undefined,
      0,
      1,
      '',
      'SecureTrail',
      true,
      Object.create(null),
      () => undefined,
    ]) {
      expect(is(value)).toBe(false);
    }
  });
  // A plain object with the public members of the class is not the class
  test('an object that only looks like a SecureTrail is not one', () => {
    const f = fixture();
    const lookalike = { ...f.trail, node: f.trail.node, logBucket: f.trail.logBucket, cfnTrail: f.trail.cfnTrail };
    expect(SecureTrail.isSecureTrail(lookalike)).toBe(false);
  });
  // A SecureTrail's log bucket is a TrailBucket when made here (LIB: "a hardened log bucket"), and then isTrailBucket
  // agrees with what logBucket holds
  test('isTrailBucket agrees for the bucket a SecureTrail made', () => {
    const f = fixture();
    expect(TrailBucket.isTrailBucket(f.trail.logBucket)).toBe(f.trail.logBucket instanceof TrailBucket);
    expect(TrailKey.isTrailKey(f.trail.logEncryptionKey)).toBe(f.trail.logEncryptionKey instanceof TrailKey);
  });
  // LIB isSecureTrail: "also one made by another copy of this library ... where instanceof is false"
  test('isSecureTrail and isTrailBucket are true for instances of another copy of the library', () => {
    let other: { trail: any; bucket: any } | undefined;
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const cdk = require('aws-cdk-lib');
      const copy = require('../../src');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const stack = new cdk.Stack(new cdk.App(), 'Copy', { env: ENV });
      other = { trail: new copy.SecureTrail(stack, 'Trail'), bucket: new copy.TrailBucket(stack, 'Bucket') };
    });
    expect(other!.trail instanceof SecureTrail).toBe(false);
    expect(SecureTrail.isSecureTrail(other!.trail)).toBe(true);
    expect(TrailBucket.isTrailBucket(other!.bucket)).toBe(true);
    expect(SecureTrail.isSecureTrail(other!.bucket)).toBe(false);
  });
});
