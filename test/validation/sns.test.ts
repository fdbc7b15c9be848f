import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CisAlarms, CisControl, SecureTrail, TrailKey, TrailTamperAlert, TrailTopic } from '../../src';
import { synthErrors, testStack } from '../helpers';

/*
 * Topics and keys the constructs are given, checked at synth: FIFO topics, keys that cannot encrypt, topic names.
 */

describe('TrailTopic', () => {
  test('a .fifo name, a bad name, a missing key and a key that cannot encrypt are errors at synth; the name is left out', () => {
    const stack = testStack();
    expect(
      () => new TrailTopic(stack, 'Fifo', { masterKey: new TrailKey(stack, 'K'), topicName: 'notify.fifo' }),
    ).not.toThrow();
    new TrailTopic(stack, 'Bad', {
      masterKey: new kms.Key(stack, 'Rsa', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT }),
      topicName: 'a b',
    });
    new TrailTopic(stack, 'NoKey', { masterKey: null as any });
    const errors = synthErrors(stack);
    expect(errors).toContain(
      "[SNS_TOPIC_FIFO] TestStack/Fifo: prop topicName 'notify.fifo' is a FIFO topic; it accepts no publish without a MessageGroupId, " +
        'so every notification is lost. Fix: use a standard (non-FIFO) topic',
    );
    expect(errors).toContain("[SNS_TOPIC_NAME] TestStack/Bad: prop topicName 'a b' is not an SNS topic name");
    expect(errors).toContain(
      "[KMS_KEY_SYMMETRIC] TestStack/Bad: prop masterKey 'RSA_2048 / ENCRYPT_DECRYPT' is not a symmetric encryption key",
    );
    expect(errors).toContain('[SNS_TOPIC_MASTER_KEY_REQUIRED] TestStack/NoKey: prop masterKey is missing');
  });
});

describe('alert topics', () => {
  test('a FIFO topic for the tamper alert or the CIS alarms is an error at synth naming the topic; a new standard topic is made instead', () => {
    const stack = testStack();
    const fifo = new sns.Topic(stack, 'Alerts', { fifo: true, topicName: 'alerts' });
    const trail = new SecureTrail(stack, 'Trail');
    const alert = new TrailTamperAlert(stack, 'Tamper', { trail, topic: fifo });
    const cis = new CisAlarms(stack, 'Cis', { trail, topic: fifo, controls: [CisControl.ROOT_USAGE] });
    expect(alert.topic).not.toBe(fifo);
    expect(cis.topic).not.toBe(fifo);
    const errors = synthErrors(stack);
    expect(errors).toContain("[SNS_TOPIC_FIFO] TestStack/Tamper: prop topic 'TestStack/Alerts' is a FIFO topic");
    expect(errors).toContain("[SNS_TOPIC_FIFO] TestStack/Cis: prop topic 'TestStack/Alerts' is a FIFO topic");
  });

  test('a topic encrypted with aws/sns is an error at synth', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Managed', { masterKey: kms.Alias.fromAliasName(stack, 'A', 'alias/aws/sns') });
    new CisAlarms(stack, 'Cis', {
      logGroup: logs.LogGroup.fromLogGroupName(stack, 'G', 'g'),
      topic,
      controls: [CisControl.ROOT_USAGE],
    });
    expect(synthErrors(stack)).toContain(
      "[SNS_TOPIC_AWS_MANAGED_KEY] TestStack/Cis: prop topic 'TestStack/Managed' is encrypted with the AWS managed key aws/sns",
    );
  });

  test('a tamper alert ruleName EventBridge refuses is left out and reported', () => {
    const stack = testStack();
    const alert = new TrailTamperAlert(stack, 'Tamper', {
      trail: new SecureTrail(stack, 'Trail'),
      ruleName: 'has space',
    });
    expect(synthErrors(stack)).toContain(
      "[EVENTS_RULE_NAME] TestStack/Tamper: prop ruleName 'has space' is not 1 to 64 letters",
    );
    expect(alert.rule.node.defaultChild).toBeDefined();
  });
});
