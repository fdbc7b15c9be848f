/*
 * Prints what a synthesized cloud assembly deploys, so a reader can check the quick start without reading
 * 20 KB of JSON: resources by type, the trail's settings, and every resource policy one statement a line.
 *
 *   ts-node --project test/tsconfig.json examples/summarize.ts examples/quickstart/cdk.out
 *
 * Exits 1 when the assembly or a template is missing, or when no template holds an AWS::CloudTrail::Trail.
 */
import * as fs from 'fs';
import * as path from 'path';

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
}

interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
}

interface StackTemplate {
  readonly stackName: string;
  readonly file: string;
  readonly template: CfnTemplate;
}

/** Where each kind of resource policy keeps its document, and which property names what it applies to. */
const POLICY_DOCUMENTS: Record<string, { label: string; document: string; target?: string }> = {
  'AWS::KMS::Key': { label: 'KMS key policy', document: 'KeyPolicy' },
  'AWS::S3::BucketPolicy': { label: 'S3 bucket policy', document: 'PolicyDocument', target: 'Bucket' },
  'AWS::SNS::TopicPolicy': { label: 'SNS topic policy', document: 'PolicyDocument', target: 'Topics' },
  'AWS::IAM::ManagedPolicy': { label: 'IAM managed policy', document: 'PolicyDocument', target: 'Roles' },
  'AWS::IAM::Policy': { label: 'IAM policy', document: 'PolicyDocument', target: 'Roles' },
};

class SummaryError extends Error {}

function main(argv: string[]): void {
  if (argv.length !== 1) {
    throw new SummaryError('usage: ts-node --project test/tsconfig.json examples/summarize.ts <cdk.out directory>');
  }
  const stacks = readAssembly(path.resolve(argv[0]));
  const lines: string[] = [];
  let trails = 0;
  for (const stack of stacks) {
    trails += summarizeStack(stack, lines);
  }
  console.log(lines.join('\n'));
  if (trails === 0) {
    throw new SummaryError(
      `no AWS::CloudTrail::Trail in ${stacks.map((s) => relative(s.file)).join(', ')}: ` +
        'the app synthesized, but without a trail.',
    );
  }
}

/** Every stack template of the assembly, including those of nested assemblies (stages). */
function readAssembly(dir: string): StackTemplate[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new SummaryError(
      `${relative(dir)} is not a directory. Synthesize first: cdk synth --output ${relative(dir)}`,
    );
  }
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new SummaryError(
      `${relative(manifestFile)} is missing: ${relative(dir)} is not a cloud assembly (did cdk synth fail?)`,
    );
  }
  const manifest = readJson(manifestFile);
  const stacks: StackTemplate[] = [];
  for (const [id, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type === 'cdk:cloud-assembly') {
      stacks.push(...readAssembly(path.join(dir, artifact.properties.directoryName)));
    } else if (artifact.type === 'aws:cloudformation:stack') {
      const file = path.join(dir, artifact.properties.templateFile);
      if (!fs.existsSync(file)) throw new SummaryError(`the template of stack ${id} is missing: ${relative(file)}`);
      stacks.push({ stackName: artifact.displayName ?? id, file, template: readJson(file) });
    }
  }
  if (stacks.length === 0) throw new SummaryError(`${relative(manifestFile)} lists no stacks`);
  return stacks;
}

/** Appends the summary of one stack; returns how many trails it holds. */
function summarizeStack(stack: StackTemplate, lines: string[]): number {
  const resources = stack.template.Resources ?? {};
  const ids = Object.keys(resources);
  lines.push(`${relative(stack.file)} (stack ${stack.stackName})`);

  const counts = new Map<string, number>();
  for (const id of ids) counts.set(resources[id].Type, (counts.get(resources[id].Type) ?? 0) + 1);
  const sorted = [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([type, n]) => `${n} ${type}`);
  lines.push(...wrap(`Resources (${ids.length}): `, sorted, 110));

  const trailIds = ids.filter((id) => resources[id].Type === 'AWS::CloudTrail::Trail');
  if (trailIds.length === 0) lines.push('  (no AWS::CloudTrail::Trail in this stack)');
  for (const id of trailIds) summarizeTrail(id, resources, lines);

  for (const id of ids) {
    const kind = POLICY_DOCUMENTS[resources[id].Type];
    const props = resources[id].Properties ?? {};
    const statements: any[] = kind ? [props[kind.document]?.Statement ?? []].flat() : [];
    if (!kind || statements.length === 0) continue;
    const target = kind.target && props[kind.target] !== undefined ? ` on ${show([props[kind.target]].flat())}` : '';
    lines.push(`${kind.label} ${id}${target}: ${statements.length} statement${statements.length === 1 ? '' : 's'}`);
    const sids = statements.map((s) => s.Sid ?? '(no Sid)');
    const width = Math.max(...sids.map((sid) => sid.length));
    statements.forEach((s, i) => lines.push(`  ${sids[i].padEnd(width)}  ${describeStatement(s)}`));
  }
  lines.push('');
  return trailIds.length;
}

function summarizeTrail(id: string, resources: Record<string, CfnResource>, lines: string[]): void {
  const p = resources[id].Properties ?? {};
  const onOff = (value: unknown, yes: string, no: string): string => (value === true || value === 'true' ? yes : no);
  lines.push(`Trail ${id}: name ${show(p.TrailName ?? '(generated by CloudFormation)')}`);
  lines.push(
    `  ${onOff(p.IsMultiRegionTrail, 'multi-Region', 'single-Region')}, ` +
      `${onOff(p.IncludeGlobalServiceEvents, 'with', 'without')} global service events, ` +
      `log file validation ${onOff(p.EnableLogFileValidation, 'on', 'OFF')}, logging ${onOff(p.IsLogging, 'on', 'OFF')}`,
  );

  const bucket = resources[refTarget(p.S3BucketName) ?? ''];
  lines.push(
    `  S3: ${show(p.S3BucketName)}${p.S3KeyPrefix ? ` prefix ${show(p.S3KeyPrefix)}` : ''}` +
      (bucket ? ` (${describeBucket(bucket.Properties ?? {})})` : ''),
  );

  const key = resources[refTarget(p.KMSKeyId) ?? ''];
  lines.push(
    `  KMS: ${p.KMSKeyId === undefined ? 'NONE (SSE-S3 only)' : show(p.KMSKeyId)}` +
      (key ? ` (rotation ${onOff(key.Properties?.EnableKeyRotation, 'on', 'OFF')})` : ''),
  );

  if (p.CloudWatchLogsLogGroupArn === undefined) {
    lines.push('  CloudWatch Logs: off');
  } else {
    const group = resources[refTarget(p.CloudWatchLogsLogGroupArn) ?? '']?.Properties;
    const details = group
      ? [
          show(group.LogGroupName ?? '(generated name)'),
          group.RetentionInDays ? `${group.RetentionInDays} days` : 'kept forever',
          group.KmsKeyId ? `KMS ${show(group.KmsKeyId)}` : 'no KMS key',
        ].join(', ')
      : '';
    lines.push(`  CloudWatch Logs: ${show(p.CloudWatchLogsLogGroupArn)}${details ? ` (${details})` : ''}`);
    lines.push(`    delivered by role ${show(p.CloudWatchLogsRoleArn)}`);
  }
  if (p.SnsTopicName !== undefined) lines.push(`  SNS: ${show(p.SnsTopicName)}`);
}

function describeBucket(p: Record<string, any>): string {
  const sse = p.BucketEncryption?.ServerSideEncryptionConfiguration?.[0];
  const retention = p.ObjectLockConfiguration?.Rule?.DefaultRetention;
  return [
    sse
      ? `${sse.ServerSideEncryptionByDefault?.SSEAlgorithm}${sse.BucketKeyEnabled ? ' + bucket key' : ''}`
      : 'default encryption',
    p.VersioningConfiguration?.Status === 'Enabled' ? 'versioned' : 'NOT versioned',
    retention
      ? `Object Lock ${retention.Mode} ${retention.Days !== undefined ? `${retention.Days} days` : `${retention.Years} years`}`
      : undefined,
    p.LoggingConfiguration ? `access logs to ${show(p.LoggingConfiguration.DestinationBucketName)}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
}

function describeStatement(s: any): string {
  const actions = [s.Action ?? s.NotAction ?? []].flat().join(',');
  const parts = [`${s.Effect === 'Deny' ? 'Deny ' : 'Allow'} ${s.NotAction ? 'NOT ' : ''}${actions}`];
  if (s.Principal !== undefined) parts.push(`to ${describePrincipal(s.Principal)}`);
  // In an identity policy the resources are the whole point; in a resource policy they are the resource itself.
  else if (s.Resource !== undefined)
    parts.push(
      `on ${[s.Resource]
        .flat()
        .map((r) => shortArn(show(r)))
        .join(',')}`,
    );
  const keys = Object.values<Record<string, unknown>>(s.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
  if (keys.length > 0) parts.push(`if ${[...new Set(keys)].join(', ')}`);
  return parts.join(' ');
}

function describePrincipal(principal: any): string {
  if (principal === '*') return '*';
  return Object.values(principal)
    .flat()
    .map((p) =>
      show(p)
        .replace(/^arn:\$\{AWS::Partition\}:iam::\$\{AWS::AccountId\}:root$/, 'this account')
        .replace(/^arn:[^:]+:iam::(\d{12}):root$/, 'account $1'),
    )
    .join(',');
}

/** Drops the `arn:<partition>:<service>:<region>:<account>:` every ARN of this stack shares. */
function shortArn(arn: string): string {
  return arn.replace(/^arn:\$\{AWS::Partition\}:([a-z0-9-]+):(\$\{AWS::Region\})?:(\$\{AWS::AccountId\})?:/, '$1:');
}

/** The logical id a `Ref` or `Fn::GetAtt` points at. */
function refTarget(value: any): string | undefined {
  if (value?.Ref !== undefined) return value.Ref;
  if (Array.isArray(value?.['Fn::GetAtt'])) return value['Fn::GetAtt'][0];
  return undefined;
}

/**
 * A CloudFormation value as short text: `Ref X` is `X`, `Fn::GetAtt` is `X.Attr`, pseudo parameters are `${AWS::...}`.
 */
function show(value: any): string {
  if (value === undefined || value === null) return '-';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(show).join(',');
  if (typeof value.Ref === 'string') return value.Ref.startsWith('AWS::') ? `\${${value.Ref}}` : value.Ref;
  if (Array.isArray(value['Fn::GetAtt'])) return value['Fn::GetAtt'].join('.');
  if (Array.isArray(value['Fn::Join'])) return [value['Fn::Join'][1]].flat().map(show).join(value['Fn::Join'][0]);
  return JSON.stringify(value);
}

/** `prefix` then the items, comma-separated, continued on indented lines once a line would pass `width`. */
function wrap(prefix: string, items: string[], width: number): string[] {
  const lines = [prefix];
  items.forEach((item, i) => {
    const text = item + (i < items.length - 1 ? ',' : '');
    const last = lines.length - 1;
    if (lines[last].length + text.length + 1 > width && lines[last].trim() !== prefix.trim()) lines.push(`  ${text}`);
    else lines[last] += (lines[last].endsWith(' ') ? '' : ' ') + text;
  });
  return lines;
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SummaryError(`cannot read ${relative(file)}: ${(e as Error).message}`);
  }
}

/** Relative to the working directory when under it, so the output reads like the command that made it. */
function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel || '.';
}

try {
  main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof SummaryError)) throw e;
  console.error(`summarize: ${e.message}`);
  process.exitCode = 1;
}
