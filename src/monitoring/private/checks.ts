import { IResource, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkProps } from '../../validation/report';
import { MONITOR_SAME_REGION } from '../../validation/rules/cloudwatch';
import { SNS_TOPIC_AWS_MANAGED_KEY, SNS_TOPIC_FIFO } from '../../validation/rules/sns';

/*
 * The prop checks of the monitoring constructs: rules of src/validation/rules, reported at synth with every other
 * error of the app, each naming the construct path, the prop, the value and a fix. A token is never reported.
 */

/**
 * Resources a monitor in this stack reads or notifies, by prop: each must be in the stack's Region (metric filters and
 * alarms see only their Region's log groups; EventBridge rule targets and alarm actions name topics of their Region).
 * Returns whether all are.
 */
export function checkSameRegion(scope: Construct, resources: Readonly<Record<string, IResource | undefined>>): boolean {
  return checkProps(scope, [MONITOR_SAME_REGION], { ...resources, stack: Stack.of(scope) });
}

/**
 * An alert topic: in this Region, standard (a FIFO topic takes no publish without a message group, which neither
 * EventBridge targets made here nor CloudWatch alarms send), and not encrypted with the AWS managed key aws/sns, whose
 * key policy cannot be changed to let EventBridge or CloudWatch use it. Returns whether the topic can be used.
 */
export function checkAlertTopic(scope: Construct, topic: IResource): boolean {
  const inRegion = checkSameRegion(scope, { topic });
  return checkProps(scope, [SNS_TOPIC_FIFO, SNS_TOPIC_AWS_MANAGED_KEY], { topic }) && inRegion;
}

/**
 * A description within a limit: a construct path too long for it is shortened at its start, where the scopes repeat.
 */
export function describe(text: string, path: string, max: number): string {
  const full = `${text}${path}`;
  return full.length <= max ? full : `${text}…${path.slice(path.length - (max - text.length - 1))}`;
}
