// The Lambda runtime provides the AWS SDK v3 and the bundles leave it out, so the clients are devDependencies only.
import { GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sweepConfig } from './handler/env';
import { sweep } from './handler/sweep';
import { cloudtrailIn, findingSink, LambdaContext, stateStore } from './verify-digest.lambda';

const dynamodb = new DynamoDBClient({});

/** The hourly sweep: chains whose newest digest is overdue while their trail logs. */
export async function handler(_event: unknown, context?: LambdaContext): Promise<{ overdue: number; scanned: number }> {
  const config = sweepConfig(process.env);
  return sweep(config, {
    state: stateStore(dynamodb, config.stateTable),
    sink: findingSink(config, context?.invokedFunctionArn),
    write: (line) => process.stdout.write(`${line}\n`),
    now: () => new Date(),
    trailLogging: config.trailArn
      ? async (region, trailArn) =>
          (await cloudtrailIn(region).send(new GetTrailStatusCommand({ Name: trailArn }))).IsLogging === true
      : undefined,
  });
}
