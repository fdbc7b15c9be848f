import { guardrailDenyStatements, perimeterStatements } from '../../src/policies/guardrail-statements';
import { TAMPER_EVENTS } from '../../src/policies/tamper-events';

const TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org';
const BUCKET = 'arn:aws:s3:::logs';
const KEY = 'arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555';
const ALIAS = 'arn:aws:kms:us-east-1:222222222222:alias/cloudtrail/org';
const GROUP = [
  'arn:aws:logs:us-east-1:111111111111:log-group:/aws/cloudtrail/org',
  'arn:aws:logs:us-east-1:111111111111:log-group:/aws/cloudtrail/org:*',
];
const BREAK_GLASS = ['arn:aws:iam::*:role/BreakGlass', 'arn:aws:iam::*:role/cdk-hnb659fds-cfn-exec-role-*'];
const EXEMPT = { ArnNotLike: { 'aws:PrincipalArn': BREAK_GLASS } };
const TRAIL_MANAGER = { StringNotEquals: { 'aws:PrincipalTag/cdk-cloudtrail-kit-trail-manager': 'true' } };
const TAG_GUARD = {
  Sid: 'DenyTrailManagerTag',
  Effect: 'Deny',
  Action: [
    'iam:TagRole',
    'iam:UntagRole',
    'iam:TagUser',
    'iam:UntagUser',
    'iam:CreateRole',
    'iam:CreateUser',
    'sts:TagSession',
  ],
  Resource: '*',
  Condition: { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': 'cdk-cloudtrail-kit-trail-manager' }, ...EXEMPT },
};
const ORG = 'o-abcdefghij';

const json = (statements: { toStatementJson(): any }[]) => statements.map((s) => s.toStatementJson());

describe('service control policy statements', () => {
  test('one deny per known resource, each denying exactly the tamper calls on it, except to the break-glass principals', () => {
    expect(
      json(
        guardrailDenyStatements({ trailArn: TRAIL, bucketArn: BUCKET, keyArn: KEY, logGroupArns: GROUP }, BREAK_GLASS),
      ),
    ).toEqual([
      {
        Sid: 'DenyTrailChanges',
        Effect: 'Deny',
        Action: [
          'cloudtrail:StopLogging',
          'cloudtrail:DeleteTrail',
          'cloudtrail:UpdateTrail',
          'cloudtrail:PutEventSelectors',
          'cloudtrail:PutInsightSelectors',
          'cloudtrail:PutEventConfiguration',
          'cloudtrail:RemoveTags',
        ],
        Resource: TRAIL,
        // The provider role of a delegated administrator's trail updates it on every deployment.
        Condition: { ...EXEMPT, ...TRAIL_MANAGER },
      },
      {
        Sid: 'DenyLogBucketChanges',
        Effect: 'Deny',
        Action: [
          's3:PutBucketPolicy',
          's3:DeleteBucketPolicy',
          's3:PutLifecycleConfiguration',
          's3:PutBucketVersioning',
          's3:PutBucketObjectLockConfiguration',
          's3:PutEncryptionConfiguration',
          's3:PutBucketLogging',
          's3:DeleteBucket',
        ],
        Resource: BUCKET,
        Condition: EXEMPT,
      },
      {
        Sid: 'DenyLogKeyChanges',
        Effect: 'Deny',
        Action: ['kms:PutKeyPolicy', 'kms:DisableKey', 'kms:ScheduleKeyDeletion'],
        Resource: KEY,
        Condition: EXEMPT,
      },
      {
        Sid: 'DenyLogGroupChanges',
        Effect: 'Deny',
        Action: [
          'logs:DeleteLogGroup',
          'logs:DeleteLogStream',
          'logs:PutRetentionPolicy',
          'logs:DeleteRetentionPolicy',
          'logs:DisassociateKmsKey',
        ],
        Resource: GROUP,
        Condition: EXEMPT,
      },
      // Nobody else may give themselves the trail manager's tag.
      TAG_GUARD,
    ]);
  });

  test("the actions are the one tamper list's, no more and no less", () => {
    const statements = json(
      guardrailDenyStatements(
        { trailArn: TRAIL, bucketArn: BUCKET, keyAliasArn: ALIAS, logGroupArns: GROUP },
        BREAK_GLASS,
      ),
    );
    const keyByArn = json(guardrailDenyStatements({ trailArn: TRAIL, keyArn: KEY }, BREAK_GLASS));
    const denied = new Set(
      [...statements, ...keyByArn].filter((s) => s.Sid !== 'DenyTrailManagerTag').flatMap((s) => [s.Action].flat()),
    );
    expect(denied).toEqual(new Set(TAMPER_EVENTS.map((e) => e.action)));
  });

  test('a key known by its alias: every key carrying the alias, and the alias itself', () => {
    const statements = json(
      guardrailDenyStatements({ trailArn: TRAIL, keyAliasArn: ALIAS }, ['arn:aws:iam::*:role/BreakGlass']),
    );
    expect(statements.slice(1, 3)).toEqual([
      {
        Sid: 'DenyLogKeyChanges',
        Effect: 'Deny',
        Action: ['kms:PutKeyPolicy', 'kms:DisableKey', 'kms:ScheduleKeyDeletion'],
        Resource: 'arn:aws:kms:us-east-1:222222222222:key/*',
        Condition: {
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/cloudtrail/org' },
          ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' },
        },
      },
      {
        Sid: 'DenyLogKeyAliasChanges',
        Effect: 'Deny',
        Action: ['kms:DeleteAlias', 'kms:UpdateAlias'],
        Resource: ALIAS,
        Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' } },
      },
    ]);
  });

  test('a key known by its ARN is not also matched by alias; its alias, when known too, is protected', () => {
    const statements = json(guardrailDenyStatements({ trailArn: TRAIL, keyArn: KEY, keyAliasArn: ALIAS }, BREAK_GLASS));
    expect(statements.map((s) => s.Sid)).toEqual([
      'DenyTrailChanges',
      'DenyLogKeyChanges',
      'DenyLogKeyAliasChanges',
      'DenyTrailManagerTag',
    ]);
    expect(statements[1]).toMatchObject({ Resource: KEY, Condition: EXEMPT });
  });

  test('an alias ARN with tokens: the alias name and key pattern given with it', () => {
    const statements = json(
      guardrailDenyStatements(
        {
          trailArn: TRAIL,
          keyAliasArn: '${Token[partition]}-alias',
          keyAliasName: 'alias/cloudtrail/org',
          aliasedKeysArn: 'arn:${Token[partition]}:kms:us-east-1:222222222222:key/*',
        },
        BREAK_GLASS,
      ),
    );
    expect(statements[1]).toMatchObject({
      Sid: 'DenyLogKeyChanges',
      Resource: 'arn:${Token[partition]}:kms:us-east-1:222222222222:key/*',
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/cloudtrail/org' } },
    });
  });

  test('only the trail when nothing else is known; no ARN condition without exempt principals', () => {
    expect(json(guardrailDenyStatements({ trailArn: TRAIL }, []))).toEqual([
      {
        Sid: 'DenyTrailChanges',
        Effect: 'Deny',
        Action: expect.any(Array),
        Resource: TRAIL,
        Condition: TRAIL_MANAGER,
      },
      {
        ...TAG_GUARD,
        Condition: { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': 'cdk-cloudtrail-kit-trail-manager' } },
      },
    ]);
  });

  test('one break-glass principal is a string, as AWS documents it', () => {
    expect(json(guardrailDenyStatements({ trailArn: TRAIL }, [BREAK_GLASS[0]]))[0].Condition).toEqual({
      ArnNotLike: { 'aws:PrincipalArn': BREAK_GLASS[0] },
      ...TRAIL_MANAGER,
    });
  });
});

describe('resource control policy statements', () => {
  const RESOURCES = [BUCKET, `${BUCKET}/*`, KEY, ...GROUP];

  test('outsiders, AWS services acting for outsiders, and plain HTTP are denied on the bucket, its objects, the key and the log group', () => {
    expect(json(perimeterStatements({ bucketArn: BUCKET, keyArn: KEY, logGroupArns: GROUP }, ORG))).toEqual([
      {
        Sid: 'DenyAccessFromOutsideOrganization',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*', 'kms:*', 'logs:*'],
        Resource: RESOURCES,
        Condition: {
          StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
      {
        Sid: 'DenyServicesActingForOutsiders',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*', 'kms:*', 'logs:*'],
        Resource: RESOURCES,
        Condition: {
          StringNotEqualsIfExists: { 'aws:SourceOrgID': ORG },
          Null: { 'aws:SourceAccount': 'false' },
          Bool: { 'aws:PrincipalIsAWSService': 'true' },
        },
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*', 'kms:*', 'logs:*'],
        Resource: RESOURCES,
        Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  test('a key known by its alias gets statements of its own, so the alias condition does not narrow the bucket ones', () => {
    const statements = json(perimeterStatements({ bucketArn: BUCKET, keyAliasArn: ALIAS }, ORG));
    expect(statements.map((s) => s.Sid)).toEqual([
      'DenyAccessFromOutsideOrganization',
      'DenyAccessFromOutsideOrganizationKeyByAlias',
      'DenyServicesActingForOutsiders',
      'DenyServicesActingForOutsidersKeyByAlias',
      'DenyInsecureTransport',
      'DenyInsecureTransportKeyByAlias',
    ]);
    expect(statements[0]).toMatchObject({ Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`] });
    expect(statements[0].Condition['ForAnyValue:StringEquals']).toBeUndefined();
    expect(statements[1]).toEqual({
      Sid: 'DenyAccessFromOutsideOrganizationKeyByAlias',
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:*',
      Resource: 'arn:aws:kms:us-east-1:222222222222:key/*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/cloudtrail/org' },
      },
    });
  });

  test('nothing to protect, no statements', () => {
    expect(perimeterStatements({}, ORG)).toEqual([]);
    expect(perimeterStatements({ logGroupArns: [] }, ORG)).toEqual([]);
  });
});
