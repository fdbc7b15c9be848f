import { Resource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { checkAlertTopic } from './checks';
import { TrailTopic } from '../../delivery/trail-topic';
import { keyServicePublishStatement, topicCloudWatchAlarmsStatement } from '../../policies/alert-statements';
import { keyCreateGrantGuardStatement } from '../../policies/trail-statements';
import { monitorLogsKey } from '../../private/functions';
import { readableJson } from '../../private/intrinsics';
import { addStatementsOrWarn } from '../../private/resource-policies';
import { IResourceWithPolicyLike } from '../../private/sids';
import { WarningId } from '../../private/warnings';

/** The services that publish alerts: EventBridge rules and CloudWatch alarms. */
export const EVENTS_SERVICE = 'events.amazonaws.com';
export const CLOUDWATCH_SERVICE = 'cloudwatch.amazonaws.com';
const SERVICE_NAMES: Record<string, string> = { [EVENTS_SERVICE]: 'EventBridge', [CLOUDWATCH_SERVICE]: 'CloudWatch' };

/**
 * A topic for alerts: encrypted with a new rotated customer managed key (the AWS managed SNS key cannot be used by
 * the services that publish alerts) and refusing publishes without TLS.
 */
export function newAlertTopic(scope: Construct, description: string): sns.Topic {
  const key = new kms.Key(scope, 'TopicKey', { enableKeyRotation: true, description });
  key.addToResourcePolicy(keyCreateGrantGuardStatement());
  return new TrailTopic(scope, 'Topic', { masterKey: key });
}

/**
 * The topic and logs key of a monitor with a function (delivery monitor, integrity verifier): the topic given, checked,
 * or a new one; CloudWatch alarms may publish to it; its logs are encrypted with the new topic's key, or a new key.
 */
export function monitorTopic(
  monitor: Construct,
  given: sns.ITopic | undefined,
  description: string,
): { topic: sns.ITopic; logsKey: kms.IKey } {
  const topic = given ?? newAlertTopic(monitor, description);
  if (given) checkAlertTopic(monitor, given);
  allowServicesToPublish(monitor, topic, [CLOUDWATCH_SERVICE]);
  return { topic, logsKey: monitorLogsKey(monitor, given ? undefined : topic) };
}

/**
 * Lets AWS services publish to a topic: its KMS key allows each service to make data keys, and CloudWatch alarms of
 * this account and Region may publish (the EventBridge target adds its own topic statement). Where the topic or key
 * is not managed by this app, warns with the statements to add.
 */
export function allowServicesToPublish(scope: Construct, topic: sns.ITopic, services: string[]): void {
  if (services.includes(CLOUDWATCH_SERVICE)) {
    const stack = Stack.of(scope);
    const statement = topicCloudWatchAlarmsStatement(topic.topicArn, stack.partition, stack.region, stack.account);
    addOrWarn(scope, topic, [statement], 'alarmTopicPolicy', `The SNS topic ${readable(scope, topic.topicArn)}`);
  }
  const key = topic.masterKey;
  if (key === undefined) return;
  // The EventBridge SNS target grants EventBridge on a key of this app itself (topic.grantPublish); only a key
  // managed elsewhere is left to warn about.
  const owned = Resource.isOwnedResource(key);
  const statements = services
    .filter((service) => !(owned && service === EVENTS_SERVICE))
    .map((service) => keyServicePublishStatement(service, SERVICE_NAMES[service] ?? service));
  if (statements.length === 0) return;
  addOrWarn(
    scope,
    key,
    statements,
    'alertTopicKeyPolicy',
    `The KMS key ${readable(scope, key.keyArn)} of the SNS topic ${readable(scope, topic.topicArn)}`,
  );
}

/**
 * Without these statements alerts are dropped without any error: warn, like for any resource the app does not manage.
 */
function addOrWarn(
  scope: Construct,
  resource: IResourceWithPolicyLike,
  statements: iam.PolicyStatement[],
  id: WarningId,
  what: string,
): void {
  addStatementsOrWarn(scope, resource, statements, { id, what, consequence: 'alerts sent to the topic are dropped' });
}

/** A value as readable text: intrinsics as `${...}`. */
function readable(scope: Construct, value: string): string {
  return String(readableJson(scope, value));
}
