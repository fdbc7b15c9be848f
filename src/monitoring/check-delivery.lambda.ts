import { CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { runCheck } from './delivery-health/check';
import { parseConfig } from './delivery-health/config';
import { PublishPort, StatePort, TrailStatus, TrailStatusPort } from './delivery-health/types';

/*
 * Lambda entry of the CloudTrail delivery-health monitor: adapts the AWS SDK v3 clients (provided by the Node.js Lambda
 * runtime, so the bundle leaves them out) to the check's ports. The logic is in ./delivery-health/.
 */

// Clients live as long as the execution environment, so warm invocations reuse their connections.
const cloudTrailClients = new Map<string, CloudTrailClient>();
const snsClients = new Map<string, SNSClient>();
let ssmClient: SSMClient | undefined;

/**
 * GetTrailStatus by ARN with a client in the Region asked: a multi-Region trail's copy in another Region answers only
 * there.
 */
export const trailStatusPort: TrailStatusPort = {
  async getTrailStatus(region: string, trailArn: string): Promise<TrailStatus> {
    let client = cloudTrailClients.get(region);
    if (!client) cloudTrailClients.set(region, (client = new CloudTrailClient({ region })));
    return client.send(new GetTrailStatusCommand({ Name: trailArn }));
  },
};

/** Publish with a client in the topic's own Region (read from its ARN), which need not be the function's. */
export const publishPort: PublishPort = {
  async publish(topicArn: string, subject: string, message: string): Promise<void> {
    const region = topicArn.split(':')[3] || undefined;
    const key = region ?? '';
    let client = snsClients.get(key);
    if (!client) snsClients.set(key, (client = new SNSClient(region ? { region } : {})));
    await client.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }));
  },
};

function ssm(): SSMClient {
  return (ssmClient ??= new SSMClient({}));
}

/** The state parameter, in the function's Region; a parameter that does not exist yet means no earlier run. */
export const statePort: StatePort = {
  async read(name: string): Promise<string | undefined> {
    try {
      const result = await ssm().send(new GetParameterCommand({ Name: name }));
      return result.Parameter?.Value;
    } catch (error) {
      if ((error as { name?: unknown }).name === 'ParameterNotFound') return undefined;
      throw error;
    }
  },
  async write(name: string, value: string): Promise<void> {
    await ssm().send(new PutParameterCommand({ Name: name, Value: value, Type: 'String', Overwrite: true }));
  },
};

/** Scheduled by EventBridge; the event's content is not read. */
export async function handler(_event: unknown): Promise<void> {
  const config = parseConfig(process.env);
  await runCheck({
    config,
    cloudTrail: trailStatusPort,
    topic: publishPort,
    state: statePort,
    now: new Date(),
    // EMF lines must reach the log stream as they are: console.log in Lambda prefixes them, process.stdout does not.
    print: (line) => process.stdout.write(`${line}\n`),
  });
}
