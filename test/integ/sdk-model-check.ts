/**
 * Checks AWS API calls of integ-tests assertions against the AWS SDK's own service models (the schemas the
 * `@aws-sdk/client-*` packages ship and serialize with). Used by assertion-calls.test.ts; see there.
 */
import { createRequire } from 'module';
import { AwsApiCall } from '@aws-cdk/integ-tests-alpha';
import { App, CfnResource, Stack } from 'aws-cdk-lib';

const load = createRequire(__filename);

/** The SDK v3 client package of each service name the tests use (the names integ-tests accepts). */
const CLIENT_PACKAGES: Record<string, string> = {
  athena: '@aws-sdk/client-athena',
  cloudtrail: '@aws-sdk/client-cloudtrail',
  cloudwatch: '@aws-sdk/client-cloudwatch',
  cloudwatchlogs: '@aws-sdk/client-cloudwatch-logs',
  dynamodb: '@aws-sdk/client-dynamodb',
  organizations: '@aws-sdk/client-organizations',
  lambda: '@aws-sdk/client-lambda',
  s3: '@aws-sdk/client-s3',
  sts: '@aws-sdk/client-sts',
};

/** What an assertion call sends and reads, as its custom resource holds it. */
export interface RecordedCall {
  readonly where: string;
  readonly logicalId: string;
  readonly service: string;
  readonly api: string;
  readonly parameters: Record<string, unknown>;
  /** The `expect`ed value, decoded, and the response path it applies at ('' for the whole response). */
  readonly expected?: { readonly at: string; readonly value: unknown };
  readonly outputPaths: string[];
  /** Response paths other calls read with `getAtt`/`getAttString`. */
  readonly readPaths: string[];
}

// The SDK's schema runtime (@smithy/core/schema), loaded from beside a client so that its version is the client's.
interface Schema {
  isStructSchema(): boolean;
  isListSchema(): boolean;
  isMapSchema(): boolean;
  getValueSchema(): Schema;
  getMemberSchema(name: string): Schema;
  structIterator(): Iterable<[string, Schema]>;
  getName(): string | undefined;
}

interface OperationSchemas {
  readonly input: Schema;
  readonly output: Schema;
}

/** The input and output shapes of `service`'s `api`, or why there are none. */
function operationSchemas(service: string, api: string): OperationSchemas | string {
  const packageName =
    CLIENT_PACKAGES[
      service
        .replace(/^@aws-sdk\/client-/, '')
        .replace(/-/g, '')
        .toLowerCase()
    ];
  if (!packageName) {
    return `service '${service}': no @aws-sdk client package is mapped (add it to devDeps and CLIENT_PACKAGES)`;
  }
  let client: Record<string, unknown>;
  try {
    client = load(packageName);
  } catch {
    return `service '${service}': ${packageName} is not installed`;
  }
  const commandName = `${api.charAt(0).toUpperCase()}${api.slice(1).replace(/Command$/, '')}Command`;
  const Command = client[commandName] as (new (input: object) => { schema?: unknown }) | undefined;
  if (typeof Command !== 'function') return `${packageName} has no ${commandName}`;
  const operation = new Command({}).schema as [number, string, string, number, unknown, unknown] | undefined;
  if (!Array.isArray(operation) || operation[0] !== 9) {
    return `${packageName} ${commandName}: no operation schema (an older SDK?)`;
  }
  const { NormalizedSchema } = createRequire(require.resolve(packageName))('@smithy/core/schema');
  return { input: NormalizedSchema.of(operation[4]), output: NormalizedSchema.of(operation[5]) };
}

function memberNames(schema: Schema): string[] {
  return [...schema.structIterator()].map(([name]) => name);
}

/** The problems of a value sent as `schema` (member names only; values are the service's to judge). */
function checkValue(value: unknown, schema: Schema, where: string): string[] {
  if (Array.isArray(value)) {
    if (!schema.isListSchema()) return [`${where}: a list where the model has ${schema.getName() ?? 'a scalar'}`];
    return value.flatMap((item, i) => checkValue(item, schema.getValueSchema(), `${where}[${i}]`));
  }
  if (value !== null && typeof value === 'object') {
    if (schema.isMapSchema()) {
      return Object.entries(value).flatMap(([k, v]) => checkValue(v, schema.getValueSchema(), `${where}.${k}`));
    }
    if (!schema.isStructSchema()) return [`${where}: an object where the model has ${schema.getName() ?? 'a scalar'}`];
    const members = memberNames(schema);
    return Object.entries(value).flatMap(([k, v]) =>
      members.includes(k)
        ? checkValue(v, schema.getMemberSchema(k), `${where}.${k}`)
        : [`${where}: '${k}' is not a member of ${schema.getName()} (members: ${members.join(', ')})`],
    );
  }
  return [];
}

/** The shape at a dotted response path (`Events.0.EventName`), or the problem. */
function schemaAt(root: Schema, dotted: string, where: string): Schema | string {
  let schema = root;
  let walked = '';
  for (const segment of dotted === '' ? [] : dotted.split('.')) {
    walked = walked ? `${walked}.${segment}` : segment;
    if (schema.isListSchema() && /^\d+$/.test(segment)) {
      schema = schema.getValueSchema();
    } else if (schema.isMapSchema()) {
      schema = schema.getValueSchema();
    } else if (schema.isStructSchema() && memberNames(schema).includes(segment)) {
      schema = schema.getMemberSchema(segment);
    } else {
      const has = schema.isStructSchema() ? ` (members: ${memberNames(schema).join(', ')})` : '';
      return `${where}: response path '${walked}' is not in the model: ${schema.getName() ?? 'a scalar'} has no '${segment}'${has}`;
    }
  }
  return schema;
}

/** The problems of an expected value (integ-tests' encoded matchers, at any depth) matched against `schema`. */
function checkExpected(expected: unknown, schema: Schema, where: string): string[] {
  if (Array.isArray(expected)) {
    if (!schema.isListSchema()) return [`${where}: a list where the model has ${schema.getName() ?? 'a scalar'}`];
    return expected.flatMap((item, i) => checkExpected(item, schema.getValueSchema(), `${where}[${i}]`));
  }
  if (expected === null || typeof expected !== 'object') return [];
  const keys = Object.keys(expected);
  const inner = (expected as Record<string, unknown>)[keys[0]];
  if (keys.length === 1 && ['$ObjectLike', '$ArrayWith', '$Exact'].includes(keys[0])) {
    return checkExpected(inner, schema, where);
  }
  // A string matched by a pattern, or JSON inside a string: a leaf of the model.
  if (keys.length === 1 && ['$StringLike', '$SerializedJson'].includes(keys[0])) return [];
  if (schema.isMapSchema()) {
    return Object.entries(expected).flatMap(([k, v]) => checkExpected(v, schema.getValueSchema(), `${where}.${k}`));
  }
  if (!schema.isStructSchema()) return [`${where}: an object where the model has ${schema.getName() ?? 'a scalar'}`];
  const members = memberNames(schema);
  return Object.entries(expected).flatMap(([k, v]) =>
    members.includes(k)
      ? checkExpected(v, schema.getMemberSchema(k), `${where}.${k}`)
      : [`${where}: '${k}' is not a member of ${schema.getName()} (members: ${members.join(', ')})`],
  );
}

/** A CloudFormation value of a synthesized property as the string it will be, intrinsics replaced by `TOKEN`. */
function flatten(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const join = (value as Record<string, unknown>)['Fn::Join'] as [string, unknown[]] | undefined;
    if (join) return join[1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join(join[0]);
    if (Object.keys(value).length === 1 && /^(Ref|Fn::)/.test(Object.keys(value)[0])) return 'TOKEN';
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, flatten(v)]));
  }
  if (Array.isArray(value)) return value.map(flatten);
  return value;
}

/** A JSON-encoded property (integ-tests encodes every parameter and the expectation as JSON text). */
function decode(value: unknown): unknown {
  const text = flatten(value);
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Every `getAtt` of another call's response in `value`: [logical id, attribute]. */
function getAtts(value: unknown): Array<[string, string]> {
  if (Array.isArray(value)) return value.flatMap(getAtts);
  if (value !== null && typeof value === 'object') {
    const att = (value as Record<string, unknown>)['Fn::GetAtt'] as [string, string] | undefined;
    if (att) return [att];
    return Object.values(value).flatMap(getAtts);
  }
  return [];
}

/** Every AwsApiCall of an app, read back from the construct tree and its custom resources' properties. */
export function recordCalls(app: App): RecordedCall[] {
  const calls = app.node.findAll().filter((c): c is AwsApiCall => c instanceof AwsApiCall);
  const resolved = calls.map((call) => {
    // The private fields of AwsApiCall hold the custom resource; its properties are what CloudFormation receives.
    const resource = (call as unknown as { apiCallResource: { node: { defaultChild: CfnResource } } }).apiCallResource
      .node.defaultChild;
    const stack = Stack.of(resource);
    const props = stack.resolve((resource as unknown as { _cfnProperties: Record<string, unknown> })._cfnProperties);
    return { call, logicalId: stack.resolve(resource.logicalId) as string, props };
  });
  const reads = resolved.flatMap(({ props }) => getAtts(props));
  return resolved.map(({ call, logicalId, props }) => {
    const parameters = Object.fromEntries(
      Object.entries((props.parameters ?? {}) as Record<string, unknown>).map(([k, v]) => [k, decode(v)]),
    );
    return {
      where: call.node.path,
      logicalId,
      service: String(props.service),
      api: String(props.api),
      parameters,
      expected:
        props.expected === undefined
          ? undefined
          : { at: String(props.actualPath ?? ''), value: decode(props.expected) },
      outputPaths: (props.outputPaths ?? []) as string[],
      readPaths: reads.filter(([id]) => id === logicalId).map(([, attribute]) => attribute),
    };
  });
}

/** The problems of one call against the SDK's models (none: an empty list). */
export function checkCall(call: RecordedCall): string[] {
  const where = `${call.where} (${call.service}.${call.api})`;
  const schemas = operationSchemas(call.service, call.api);
  if (typeof schemas === 'string') return [`${where}: ${schemas}`];
  const problems = checkValue(call.parameters, schemas.input, `${where} parameters`);
  for (const outputPath of call.outputPaths) {
    const at = schemaAt(schemas.output, outputPath, `${where} outputPaths`);
    if (typeof at === 'string') problems.push(at);
  }
  if (call.expected) {
    const at = schemaAt(schemas.output, call.expected.at, `${where} expect`);
    if (typeof at === 'string') {
      problems.push(at);
    } else {
      problems.push(
        ...checkExpected(
          call.expected.value,
          at,
          `${where} expect${call.expected.at ? ` at ${call.expected.at}` : ''}`,
        ),
      );
    }
  }
  for (const attribute of call.readPaths) {
    // getAtt('X') reads the flattened response key 'apiCallResponse.X', which exists only for a path in outputPaths.
    const responsePath = attribute.replace(/^apiCallResponse\./, '');
    if (responsePath === attribute) {
      problems.push(`${where} getAtt '${attribute}': not a response attribute`);
      continue;
    }
    const at = schemaAt(schemas.output, responsePath, `${where} getAtt`);
    if (typeof at === 'string') problems.push(at);
    if (!call.outputPaths.some((p) => responsePath.startsWith(p))) {
      problems.push(
        `${where} getAtt '${responsePath}': not among outputPaths (${call.outputPaths.join(', ') || 'none'})`,
      );
    }
  }
  return problems;
}
