import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { definedProps } from '../private/props';
import { propNamesOf } from '../validation/prop-checks';
import { checkProps, checkResources } from '../validation/report';
import { KMS_KEY_SYMMETRIC } from '../validation/rules/kms';
import { rejectedProps } from '../validation/rules/s3';
import {
  SNS_TEMPLATE_RULES,
  SNS_TOPIC_FIFO,
  SNS_TOPIC_MASTER_KEY_REQUIRED,
  SNS_TOPIC_NAME,
} from '../validation/rules/sns';

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
    // The props as written (their names, for messages), then with JavaScript nulls as unset.
    const given = props;
    props = definedProps(given);
    // Each rule reads every topic or key prop of its input: one input per rule keeps a finding to the prop it is about.
    const inputs = [
      { rules: [SNS_TOPIC_MASTER_KEY_REQUIRED, KMS_KEY_SYMMETRIC], input: { masterKey: props.masterKey } },
      { rules: [SNS_TOPIC_NAME, SNS_TOPIC_FIFO], input: { topicName: props.topicName } },
    ];
    // A name SNS rejects is left out (CloudFormation names the topic), so SNS does not fail first in its own words.
    const nameRejected = rejectedProps(inputs[1].rules, inputs[1].input).size > 0;
    super(scope, id, {
      masterKey: props.masterKey,
      topicName: nameRejected ? undefined : props.topicName,
      enforceSSL: true,
    });
    for (const { rules, input } of inputs) checkProps(this, rules, input, { propNames: propNamesOf(given) });
    checkResources(this, SNS_TEMPLATE_RULES);
  }
}
