import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

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
  constructor(scope: Construct, id: string, props: TrailTopicProps) {
    super(scope, id, {
      masterKey: props.masterKey,
      topicName: props.topicName,
      enforceSSL: true,
    });
  }
}
