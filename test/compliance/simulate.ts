import { runSimulation } from '@cloud-copilot/iam-simulate';
import { ACCOUNT } from '../helpers';

/*
 * One IAM evaluation with @cloud-copilot/iam-simulate, shared by the simulation suites.
 */

export type Outcome = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

export interface Request {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly context?: Record<string, string | string[]>;
  readonly resourcePolicy?: any;
  readonly identityPolicies?: any[];
}

/**
 * iam-simulate 0.1.x recognises variable condition keys only in the `prefix/Variable` form, so it ignores
 * `kms:EncryptionContext:<key>` and would treat every encryption-context condition as unmet. Each one is
 * evaluated under a stand-in: a plain string key the simulator accepts for KMS actions and that none of
 * these policies uses (checked), renamed the same way in the policies and in the request.
 */
const STAND_INS: Record<string, string> = {
  'kms:EncryptionContext:aws:cloudtrail:arn': 'kms:RecipientAttestation:ImageSha384',
  'kms:EncryptionContext:aws:logs:arn': 'kms:RequestAlias',
  'kms:EncryptionContext:aws:sns:topicArn': 'kms:EncryptionAlgorithm',
  'kms:EncryptionContext:aws:s3:arn': 'kms:KeyOrigin',
};

function withStandIns<T>(value: T): T {
  if (value === undefined) return value;
  let text = JSON.stringify(value);
  for (const standIn of Object.values(STAND_INS)) {
    if (text.includes(JSON.stringify(standIn))) throw new Error(`${standIn} stands in for an encryption-context key, but the policy or request uses it`);
  }
  for (const [key, standIn] of Object.entries(STAND_INS)) text = text.split(JSON.stringify(key)).join(JSON.stringify(standIn));
  return JSON.parse(text);
}

export async function simulate(request: Request): Promise<Outcome> {
  const response = await runSimulation({
    identityPolicies: (request.identityPolicies ?? []).map((policy, i) => ({ name: `identity${i}`, policy: withStandIns(policy) })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: withStandIns(request.resourcePolicy),
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount ?? ACCOUNT },
      contextVariables: withStandIns({ 'aws:SecureTransport': 'true', ...request.context }),
    },
  }, {});
  if (response.resultType === 'error') throw new Error(JSON.stringify(response.errors));
  if (response.resultType !== 'single') throw new Error(`unexpected ${response.resultType} simulation`);
  const ignored = (response.result as any).ignoredContextKeys as string[] | undefined;
  if (ignored?.length) throw new Error(`the simulator ignored context keys ${ignored.join(', ')}: the request would not be evaluated as written`);
  return response.overallResult as Outcome;
}
