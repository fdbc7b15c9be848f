import { asLiteral } from '../values';
import { literals, PropValues } from './identifiers';
import { Properties, Rule, RuleFinding, UncheckedConstraint } from './rule';
import { policySizeRule, propRule, removalPolicyRule, wholeDaysRule } from './s3';

/*
 * AWS KMS constraints on the keys and aliases this library makes, and on keys users give it to encrypt log files,
 * topics and log groups. Prop rules read an input keyed by prop name, so a wrapping construct calls them with its
 * names.
 */

/**
 * The key spec and usage of a key this app defines (its AWS::KMS::Key), or of plain facts; undefined when not known.
 */
function keyFacts(key: unknown): { spec?: string; usage?: string } | undefined {
  if (key === undefined || key === null || typeof key !== 'object') return undefined;
  type KeyLike = { cfnResourceType?: string; keySpec?: unknown; keyUsage?: unknown };
  const child = (key as { node?: { defaultChild?: unknown } }).node?.defaultChild as KeyLike | undefined;
  // An imported key (fromKeyArn, fromLookup) has no resource here: its spec is the account's state.
  const facts = child?.cfnResourceType === 'AWS::KMS::Key' ? child : (key as { keySpec?: unknown; keyUsage?: unknown });
  return { spec: asLiteral(facts.keySpec), usage: asLiteral(facts.keyUsage) };
}

export const KMS_KEY_SYMMETRIC = propRule({
  id: 'KMS_KEY_SYMMETRIC',
  resourceType: 'AWS::KMS::Key',
  prop: 'encryptionKey',
  constraint:
    'A key that encrypts CloudTrail log files, an S3 bucket, an SNS topic or a CloudWatch Logs log group is a symmetric encryption key ' +
    '(KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT).',
  source:
    'CloudTrail User Guide create-kms-key-policy-for-cloudtrail ("symmetric encryption KMS key") / S3 User Guide UsingKMSEncryption (symmetric keys ' +
    'only) / SNS Developer Guide sns-server-side-encryption / CloudWatch Logs User Guide encrypt-log-data-kms (symmetric keys only)',
  fix: 'use a symmetric encryption key (kms.KeySpec.SYMMETRIC_DEFAULT with kms.KeyUsage.ENCRYPT_DECRYPT), such as a TrailKey',
  check: (values) =>
    Object.entries(values).flatMap(([prop, key]): RuleFinding[] => {
      const facts = keyFacts(key);
      if (facts === undefined) return [];
      const spec = facts.spec ?? 'SYMMETRIC_DEFAULT';
      const usage = facts.usage ?? 'ENCRYPT_DECRYPT';
      if (spec === 'SYMMETRIC_DEFAULT' && usage === 'ENCRYPT_DECRYPT') return [];
      return [
        {
          at: prop,
          value: `${spec} / ${usage}`,
          problem:
            'is not a symmetric encryption key, so it cannot encrypt: the service rejects it (or fails every ' +
            'delivery)',
        },
      ];
    }),
});

export const KMS_ALIAS_NAME = propRule({
  id: 'KMS_ALIAS_NAME',
  resourceType: 'AWS::KMS::Alias',
  prop: 'alias',
  constraint:
    "An alias name is alias/ followed by letters, digits, '/', '_', '-' (and ':', which CloudFormation accepts), 256 characters in all.",
  source:
    'KMS API Reference, CreateAlias AliasName (1-256, ^[a-zA-Z0-9:/_-]+$) / KMS Developer Guide alias-manage / CloudFormation AWS::KMS::Alias AliasName',
  fix: "use a name such as 'alias/cloudtrail/my-trail'",
  check: (values) =>
    literals(values)
      .map(({ at, value }) => ({ at, value, name: value.startsWith('alias/') ? value : `alias/${value}` }))
      .filter(({ name }) => !/^alias\/[a-zA-Z0-9:/_-]{1,250}$/.test(name))
      .map(({ at, name }) => ({
        at,
        value: name,
        problem: "is not a KMS alias name (alias/ and up to 250 of a-z, A-Z, 0-9, ':', '/', '_' and '-')",
      })),
});

export const KMS_ALIAS_RESERVED = propRule({
  id: 'KMS_ALIAS_RESERVED',
  resourceType: 'AWS::KMS::Alias',
  prop: 'alias',
  constraint: 'An alias name does not begin with alias/aws/: KMS reserves it for AWS managed keys.',
  source: 'KMS API Reference, CreateAlias ("The AliasName value must ... cannot begin with alias/aws/")',
  fix: "use a name such as 'alias/cloudtrail/my-trail'",
  check: (values) =>
    literals(values)
      .filter(({ value }) => (value.startsWith('alias/') ? value : `alias/${value}`).startsWith('alias/aws/'))
      .map(({ at, value }) => ({
        at,
        value,
        problem: 'starts with alias/aws/, which KMS reserves for AWS managed keys',
      })),
});

export const KMS_PENDING_WINDOW = wholeDaysRule({
  id: 'KMS_PENDING_WINDOW',
  prop: 'pendingWindow',
  constraint: 'A scheduled key deletion waits 7 to 30 whole days.',
  source:
    'KMS API Reference, ScheduleKeyDeletion PendingWindowInDays (7-30) / CloudFormation AWS::KMS::Key PendingWindowInDays',
  min: 7,
  max: 30,
  what: 'KMS schedules key deletion 7 to 30 days ahead',
});

export const KMS_DESCRIPTION_LENGTH = propRule({
  id: 'KMS_DESCRIPTION_LENGTH',
  resourceType: 'AWS::KMS::Key',
  prop: 'description',
  constraint: 'A key description is at most 8,192 characters.',
  source: 'KMS API Reference, CreateKey Description (0-8192) / CloudFormation AWS::KMS::Key Description maxLength 8192',
  fix: 'shorten it',
  check: (values) =>
    literals({ description: values.description })
      .filter(({ value }) => value.length > 8192)
      .map(({ at, value }) => ({ at, value, problem: `is ${value.length} characters, over the 8,192 KMS takes` })),
});

export const KMS_KEY_REMOVAL_POLICY = removalPolicyRule('KMS_KEY_REMOVAL_POLICY', 'AWS::KMS::Key');

export const KMS_KEY_POLICY_SIZE = policySizeRule({
  id: 'KMS_KEY_POLICY_SIZE',
  resourceType: 'AWS::KMS::Key',
  cfnProperty: 'KeyPolicy',
  prop: 'policy',
  bytes: 32768,
  what: 'A key policy',
  source: 'KMS Developer Guide, resource quotas (key policy document size: 32 KB)',
  fix:
    'allow an organization trail (allowTrailArn with its ARN: one trail for every member account) rather than many accounts with allowAccountTrails, ' +
    'or spread the accounts over several keys',
});

/** TrailKey props the KMS prop rules read. */
export const KMS_KEY_PROP_RULES: readonly Rule<PropValues>[] = [
  KMS_KEY_REMOVAL_POLICY,
  KMS_PENDING_WINDOW,
  KMS_DESCRIPTION_LENGTH,
];
export const KMS_ALIAS_RULES: readonly Rule<PropValues>[] = [KMS_ALIAS_RESERVED, KMS_ALIAS_NAME];
export const KMS_TEMPLATE_RULES: Readonly<Record<string, readonly Rule<Properties>[]>> = {
  'AWS::KMS::Key': [KMS_KEY_POLICY_SIZE],
};

export const KMS_RULES: readonly Rule<any>[] = [
  KMS_KEY_SYMMETRIC,
  ...KMS_ALIAS_RULES,
  ...KMS_KEY_PROP_RULES,
  KMS_KEY_POLICY_SIZE,
];

export const KMS_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'KMS_KEY_STATE',
    resourceType: 'AWS::KMS::Key',
    constraint:
      'A key in use is Enabled: a disabled key or one pending deletion fails every encryption (KMSInvalidStateException).',
    source: 'KMS Developer Guide, key-state (key states and their effect on cryptographic operations)',
    unchecked:
      "a key's state is the account's state at run time; the tamper alert reports DisableKey and ScheduleKeyDeletion calls on the trail key",
  },
  {
    id: 'KMS_KEY_POLICY_ALLOWS_SERVICE',
    resourceType: 'AWS::KMS::Key',
    constraint:
      'The key policy lets the service that encrypts with it (CloudTrail, S3 logging, SNS publishers, CloudWatch Logs) use it.',
    source:
      'CloudTrail User Guide create-kms-key-policy-for-cloudtrail / SNS Developer Guide sns-key-management / CloudWatch Logs User Guide encrypt-log-data-kms',
    unchecked:
      'a key this app defines gets its statements from the constructs; the policy of an imported key is not known at synth, so the construct ' +
      'warns with the statements to add (warnings logGroupKeyPolicy, alertTopicKeyPolicy, accessLogsKeyPolicy)',
  },
  {
    id: 'KMS_KEY_SPEC_IMPORTED',
    resourceType: 'AWS::KMS::Key',
    constraint: 'An imported key (fromKeyArn, fromLookup) is a symmetric encryption key.',
    source: 'KMS API Reference, DescribeKey KeySpec / KeyUsage',
    unchecked:
      "the spec of a key this app does not define is the account's state; KMS_KEY_SYMMETRIC checks keys the app defines",
  },
];
