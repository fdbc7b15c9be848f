import { IResource, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { checkSameEnv, propError } from '../../private/prop-checks';

/*
 * The prop checks of the monitoring constructs, made before aws-cdk-lib sees the values, each message naming the
 * construct path, the prop, the value and a fix. A token is never reported.
 */

function fail(scope: Construct, prop: string, value: string, problem: string, fix: string): never {
  throw propError(scope.node.path, `${prop} '${value}'`, problem, fix);
}

/**
 * A metric namespace CloudWatch Logs metric filters and CloudWatch accept: 1 to 255 characters (PutMetricFilter
 * MetricTransformation metricNamespace, pattern `[^:*$]*`), not only spaces, not under the reserved `AWS/` (CloudWatch
 * User Guide, cloudwatch_concepts Namespaces).
 */
export function checkNamespace(scope: Construct, namespace: string): void {
  if (Token.isUnresolved(namespace)) return;
  const fix = "use letters, digits and . - _ / # (e.g. 'CISBenchmark'), 1 to 255 characters, not starting with 'AWS/'";
  if (namespace.trim().length === 0 || namespace.length > 255) {
    fail(scope, 'metricNamespace', namespace, `is ${namespace.length} characters long, outside 1 to 255 (or only spaces); CloudWatch Logs rejects it`, fix);
  }
  const bad = [...new Set(namespace.match(/[:*$]|[^\x20-\x7e]/g) ?? [])];
  if (bad.length > 0) fail(scope, 'metricNamespace', namespace, `holds ${bad.map((c) => `'${c}'`).join(', ')}, which metric filters reject`, fix);
  if (/^aws\//i.test(namespace)) fail(scope, 'metricNamespace', namespace, 'is under AWS/, which is reserved for AWS services', fix);
}

/**
 * A resource a monitor in this stack reads or notifies must be in the stack's Region: metric filters and alarms see
 * only their Region's log groups, and EventBridge rule targets and alarm actions name SNS topics of their own Region.
 */
export function checkSameRegion(scope: Construct, resource: IResource, prop: string, value: string, fix: string): void {
  checkSameEnv(scope.node.path, `${prop} '${value}'`, 'Region', { theirs: resource.env.region, mine: Stack.of(scope).region },
    'a monitor sees and notifies only in its own stack\'s Region', fix);
}

/**
 * An alert topic: in this Region, and not encrypted with the AWS managed key aws/sns, whose key policy cannot be
 * changed to let EventBridge or CloudWatch use it (SNS Developer Guide, sns-key-management: "AWS managed key for
 * Amazon SNS" cannot be used by the services that publish events).
 */
export function checkAlertTopic(scope: Construct, topic: sns.ITopic): void {
  const label = Token.isUnresolved(topic.topicArn) ? topic.node.path : topic.topicArn;
  checkSameRegion(scope, topic, 'topic', label, 'use a topic in this stack\'s Region (create one per Region), or leave topic out for a new one');
  const key = topic.masterKey;
  if (key === undefined) return;
  const alias = (key as Partial<kms.IAlias>).aliasName ?? (Token.isUnresolved(key.keyArn) ? undefined : key.keyArn.split(':').pop());
  if (alias === 'alias/aws/sns') {
    fail(scope, 'topic', label, 'is encrypted with the AWS managed key aws/sns, whose policy EventBridge and CloudWatch cannot use, so alerts are dropped',
      'encrypt the topic with a customer managed KMS key, or leave topic out for a new one');
  }
}

/** A description within a limit: a construct path too long for it is shortened at its start, where the scopes repeat. */
export function describe(text: string, path: string, max: number): string {
  const full = `${text}${path}`;
  return full.length <= max ? full : `${text}…${path.slice(path.length - (max - text.length - 1))}`;
}
