import { Token } from 'aws-cdk-lib';
import { asLiteral } from '../values';
import { literals } from './identifiers';
import { Properties, Rule, RuleFinding, UncheckedConstraint } from './rule';
import { policySizeRule, propRule } from './s3';

/*
 * Amazon SNS constraints on the topics this library makes (trail notifications, alerts) and on topics users give it.
 * Prop rules read an input keyed by prop name; a topic prop holds an `sns.ITopic`.
 */

const NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

export const SNS_TOPIC_NAME = propRule({
  id: 'SNS_TOPIC_NAME',
  resourceType: 'AWS::SNS::Topic',
  prop: 'topicName',
  constraint:
    "A topic name is 1 to 256 ASCII letters, digits, '_' and '-'; a FIFO topic's name ends in .fifo (within the 256).",
  source: 'SNS API Reference, CreateTopic Name / CloudFormation AWS::SNS::Topic TopicName (maxLength 256)',
  fix: "use only letters, digits, '_' and '-', at most 256",
  check: (values) =>
    literals({ topicName: values.topicName })
      .filter(({ value }) => !NAME.test(value) && !FIFO_NAME.test(value))
      .map(({ at, value }) => ({
        at,
        value,
        problem: "is not an SNS topic name (1 to 256 letters, digits, '_' and '-'); SNS rejects it",
      })),
});

/** Whether a topic prop is FIFO: a topic whose `fifo` is true, or a literal name or ARN ending in .fifo. */
function isFifo(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return !Token.isUnresolved(value) && value.endsWith('.fifo');
  const topic = value as { fifo?: unknown; topicName?: unknown; topicArn?: unknown };
  if (topic.fifo === true) return true;
  const name = asLiteral(topic.topicName) ?? asLiteral(topic.topicArn);
  return name !== undefined && name.endsWith('.fifo');
}

function topicLabel(value: unknown): string {
  if (typeof value === 'string') return value;
  const topic = value as { topicArn?: unknown; node?: { path?: string } };
  return asLiteral(topic.topicArn) ?? topic.node?.path ?? 'topic';
}

export const SNS_TOPIC_FIFO = propRule({
  id: 'SNS_TOPIC_FIFO',
  resourceType: 'AWS::SNS::Topic',
  prop: 'topic',
  constraint:
    "CloudTrail notifications, CloudWatch alarm actions and this library's EventBridge alert targets go to standard topics: a FIFO topic " +
    'takes only publishes with a MessageGroupId, which none of them sends.',
  source:
    'CloudTrail User Guide configure-sns-notifications-for-cloudtrail (FIFO topics are not supported) / SNS API Reference, Publish MessageGroupId ' +
    '(required for FIFO topics) / CloudWatch User Guide alarm actions / EventBridge API Reference, Target SqsParameters/MessageGroupId (FIFO targets need one)',
  fix: 'use a standard (non-FIFO) topic, or leave the topic out to have one made',
  check: (values) =>
    Object.entries(values).flatMap(([prop, topic]): RuleFinding[] =>
      isFifo(topic)
        ? [
            {
              at: prop,
              value: topicLabel(topic),
              problem: 'is a FIFO topic; it accepts no publish without a MessageGroupId, so every notification is lost',
            },
          ]
        : [],
    ),
});

export const SNS_TOPIC_MASTER_KEY_REQUIRED = propRule({
  id: 'SNS_TOPIC_MASTER_KEY_REQUIRED',
  resourceType: 'AWS::SNS::Topic',
  prop: 'masterKey',
  constraint:
    'A topic CloudTrail publishes to is encrypted with a customer managed key: CloudTrail cannot use the AWS managed key alias/aws/sns.',
  source:
    'CloudTrail User Guide configure-sns-notifications-for-cloudtrail / SNS Developer Guide sns-key-management (AWS managed key policies cannot be ' +
    'edited)',
  fix: 'pass a customer managed key, e.g. a TrailKey',
  check: (values) =>
    values.masterKey === undefined || values.masterKey === null
      ? [
          {
            at: 'masterKey',
            problem:
              'is missing; CloudTrail publishes only to a topic encrypted with a customer managed key (it cannot use alias/aws/sns)',
          },
        ]
      : [],
});

/** The alias a topic's key is known by, when known. */
function keyAlias(topic: unknown): string | undefined {
  const key = (topic as { masterKey?: { aliasName?: unknown; keyArn?: unknown } } | undefined | null)?.masterKey;
  if (key === undefined || key === null) return undefined;
  const arn = asLiteral(key.keyArn);
  return asLiteral(key.aliasName) ?? (arn === undefined ? undefined : arn.split(':').pop());
}

export const SNS_TOPIC_AWS_MANAGED_KEY = propRule({
  id: 'SNS_TOPIC_AWS_MANAGED_KEY',
  resourceType: 'AWS::SNS::Topic',
  prop: 'topic',
  constraint:
    'A topic EventBridge or CloudWatch publishes to is not encrypted with the AWS managed key alias/aws/sns, whose policy cannot let them use it.',
  source:
    'SNS Developer Guide, sns-key-management (compatibility between event sources and encrypted topics: use a customer managed key)',
  fix: 'encrypt the topic with a customer managed KMS key, or leave topic out for a new one',
  check: (values) =>
    Object.entries(values).flatMap(([prop, topic]): RuleFinding[] =>
      keyAlias(topic) === 'alias/aws/sns'
        ? [
            {
              at: prop,
              value: topicLabel(topic),
              problem:
                'is encrypted with the AWS managed key aws/sns, whose policy EventBridge and CloudWatch cannot use, ' +
                'so alerts are dropped',
            },
          ]
        : [],
    ),
});

export const SNS_TOPIC_POLICY_SIZE = policySizeRule({
  id: 'SNS_TOPIC_POLICY_SIZE',
  resourceType: 'AWS::SNS::TopicPolicy',
  cfnProperty: 'PolicyDocument',
  prop: 'policy',
  bytes: 30720,
  what: 'A topic policy',
  source: 'SNS API Reference, SetTopicAttributes Policy (maximum 30 KB) / SNS Developer Guide quotas',
  fix: 'let fewer trails publish to this topic, or give each group of trails a topic of its own',
});

export const SNS_TEMPLATE_RULES: Readonly<Record<string, readonly Rule<Properties>[]>> = {
  'AWS::SNS::TopicPolicy': [SNS_TOPIC_POLICY_SIZE],
};

export const SNS_RULES: readonly Rule<any>[] = [
  SNS_TOPIC_NAME,
  SNS_TOPIC_FIFO,
  SNS_TOPIC_MASTER_KEY_REQUIRED,
  SNS_TOPIC_AWS_MANAGED_KEY,
  SNS_TOPIC_POLICY_SIZE,
];

export const SNS_UNCHECKED: readonly UncheckedConstraint[] = [
  {
    id: 'SNS_TOPIC_KEY_POLICY',
    resourceType: 'AWS::SNS::Topic',
    constraint:
      'The key of an encrypted topic lets each publishing service (cloudtrail, events, cloudwatch) call kms:GenerateDataKey* and kms:Decrypt.',
    source:
      'SNS Developer Guide, sns-key-management (enable compatibility between event sources from AWS services and encrypted topics)',
    unchecked:
      "keys this app defines get the statements from the constructs; an imported key's policy is not known at synth, so the construct warns " +
      'with the statements to add (alertTopicKeyPolicy)',
  },
  {
    id: 'SNS_TOPIC_POLICY_ALLOWS_PUBLISHER',
    resourceType: 'AWS::SNS::TopicPolicy',
    constraint:
      'The topic policy lets CloudTrail (aws:SourceArn the trail), EventBridge rules and CloudWatch alarms publish.',
    source:
      'CloudTrail User Guide cloudtrail-permissions-for-sns-notifications / SNS Developer Guide sns-access-policy-use-cases',
    unchecked:
      'the policy of an imported topic is not known at synth: the construct warns with the statement to add (alarmTopicPolicy)',
  },
];
