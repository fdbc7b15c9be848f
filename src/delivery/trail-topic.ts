import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { checkPattern, checkPolicySize } from '../private/prop-checks';
import { definedProps } from '../private/props';

/**
 * Properties of a `TrailTopic`.
 */
export interface TrailTopicProps {
  /**
   * The KMS key the topic is encrypted with. CloudTrail cannot publish to a topic encrypted with the
   * AWS managed key `alias/aws/sns`, so a customer managed key is required.
   */
  readonly masterKey: kms.IKey;

  /**
   * A physical name for the topic.
   *
   * @default - CloudFormation generates one
   */
  readonly topicName?: string;
}

/**
 * An SNS topic for CloudTrail log-delivery notifications: encrypted with a customer managed key and
 * refusing publishes that do not use TLS.
 */
export class TrailTopic extends sns.Topic {
  constructor(scope: Construct, id: string, given: TrailTopicProps) {
    const props = definedProps(given);
    if (!props.masterKey) {
      throw new Error(`${scope.node.path}/${id}: 'masterKey' is missing; CloudTrail publishes only to a topic encrypted with a ` +
        'customer managed key (it cannot use alias/aws/sns). Fix: pass a customer managed key, e.g. a TrailKey.');
    }
    checkPattern(`${scope.node.path}/${id}`, 'topicName', props.topicName, {
      pattern: /^[A-Za-z0-9_-]{1,256}$/,
      what: 'is not an SNS topic name (1 to 256 letters, digits, \'_\' and \'-\'; CloudTrail cannot publish to FIFO topics)',
      fix: 'use only letters, digits, \'_\' and \'-\', at most 256',
    });
    super(scope, id, {
      masterKey: props.masterKey,
      topicName: props.topicName,
      enforceSSL: true,
    });
    checkPolicySize(this, () => (this.node.tryFindChild('Policy') as sns.TopicPolicy | undefined)?.document, {
      bytes: 30720, what: () => 'the topic policy', fix: 'let fewer trails publish to this topic, or give each group of trails a topic of its own',
    });
  }
}
