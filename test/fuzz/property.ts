import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { AppSpec } from './arbitraries/app';
import { buildApp, Built } from './build';
import { judge, Verdict } from './model';
import { deployPathReport, describeDenied } from '../oracles/deploy-path';
import { TEST_OUT } from '../oracles/templates';

/*
 * The property, for one generated configuration: build and synthesize it; then
 *  - it synthesizes, or fails with this library's own error(s) only: each names the construct path and ends with a
 *    `Fix:` clause (`<path>: ... Fix: ...` or `[RULE_ID] <path>: ... Fix: ...`). A TypeError, another library's
 *    error, or a message of ours without path or fix is a counterexample;
 *  - a configuration the model (model.ts) calls valid is not rejected at all;
 *  - a synthesized one keeps every documented invariant (checkInvariants), and its templates are kept (one file per
 *    distinct content) for aws-cdk-lib's template validation and cfn-lint, which the test file runs once over all.
 */

/** Where the templates of successful syntheses are kept for the oracles (one file per distinct content). */
export const FUZZ_TEMPLATES = path.join(TEST_OUT, 'fuzz', String(process.pid));

/**
 * This library's error format (exported for the counterexample tests): optional rule id, the construct path (a stack of
 * the app first), a Fix clause.
 */
export const OURS = /^\[[A-Z][A-Z0-9_]*\] (Main|Other|Shared)(\/[^\s:]*)?: [\s\S]*\bFix: \S/;
/** Crashes and errors of the language or of other libraries, whatever their text. */
const FOREIGN_NAMES = /^(TypeError|RangeError|ReferenceError|SyntaxError)$/;

/**
 * Messages of ours that break the format (no `Fix:` clause), each kept as a failing plain test in
 * counterexamples.test.ts (`library fix pending`). Tolerated here so the seeded run stays green and keeps exploring
 * past them; delete an entry once its counterexample test passes.
 */
export const KNOWN_FORMAT_GAPS: ReadonlyArray<{ readonly matches: RegExp; readonly test: string }> = [];

/**
 * Other libraries' errors the library lets through, each kept as a failing plain test (library fix pending), and
 * tolerated here so the seeded run stays green and keeps exploring past them.
 */
export const KNOWN_FOREIGN: ReadonlyArray<{ readonly matches: RegExp; readonly test: string }> = [
  {
    matches: /^There is already a Construct with name '\w+Key' in Stack\d* \[(Main|Other|Shared)\]$/,
    test: 'a TrailBucket and a TrailKey named <bucket id>Key in the same scope',
  },
  {
    matches: /^'(Main|Other|Shared)' depends on '(Main|Other|Shared)' [\s\S]*would create a cyclic reference\.$/,
    test: 'a SecureTrail given a TrailAccessLogsBucket made in another stack',
  },
];

export interface Outcome {
  readonly verdict: Verdict;
  /** The errors synthesis failed with (one per validation message); empty when it synthesized. */
  readonly errors: string[];
  /** Template files kept (synthesized configurations only). */
  readonly templates: string[];
  /** The app of a synthesized configuration the model calls valid, for the deploy-path oracle. */
  readonly app?: App;
}

/** The individual messages of a thrown error: aws-cdk-lib wraps validation errors as `[path] message` lines. */
export function messagesOf(error: unknown): Array<{ name: string; message: string }> {
  const e = error instanceof Error ? error : new Error(String(error));
  const header = /^Validation failed with the following errors:\n/;
  if (header.test(e.message)) {
    return e.message
      .replace(header, '')
      .split(/\n(?=\s*\[[^\]]+\] )/)
      .map((line) => ({
        name: 'Error',
        message: line.replace(/^\s*\[[^\]]+\] /, '').trim(),
      }));
  }
  return [{ name: e.name, message: e.message }];
}

/** Whether a message is one of this library's errors in its format (or a tolerated known gap). */
export function isOurs(m: { name: string; message: string }): boolean {
  if (KNOWN_FOREIGN.some((g) => g.matches.test(m.message))) return true;
  if (FOREIGN_NAMES.test(m.name) || m.name !== 'Error') return false;
  return (
    OURS.test(m.message) ||
    KNOWN_FORMAT_GAPS.some((g) => g.matches.test(m.message)) ||
    KNOWN_FOREIGN.some((g) => g.matches.test(m.message))
  );
}

function keep(files: string[]): string[] {
  fs.mkdirSync(FUZZ_TEMPLATES, { recursive: true });
  return files.map((file) => {
    const text = fs.readFileSync(file, 'utf-8');
    const kept = path.join(
      FUZZ_TEMPLATES,
      `${createHash('sha256').update(text).digest('hex').slice(0, 16)}.template.json`,
    );
    if (!fs.existsSync(kept)) fs.writeFileSync(kept, text);
    return kept;
  });
}

/** Runs the property on one configuration; throws (with the reason) on a counterexample. */
export function checkConfig(spec: AppSpec): Outcome {
  const verdict = judge(spec);
  let built: Built | undefined;
  let errors: Array<{ name: string; message: string }> = [];
  let templates: string[] = [];
  let app: App | undefined;
  try {
    built = buildApp(spec);
    const assembly = built.app.synth();
    // Error annotations do not stop app.synth() (the CLI refuses them): they count as a rejection too.
    errors = assembly.stacks.flatMap((s) =>
      s.messages.filter((m) => m.level === 'error').map((m) => ({ name: 'Error', message: String(m.entry.data) })),
    );
    if (errors.length === 0) {
      checkInvariants(
        spec,
        assembly.stacks.map((s) => ({ name: s.stackName, template: s.template })),
      );
      // The deploy-path oracle is asynchronous: the app of a configuration the model calls valid is handed back, and
      // generated.test.ts evaluates the calls its deployment makes (see deployPathOf below).
      if (verdict.problems.length === 0 && verdict.known.length === 0 && verdict.unsure.length === 0) app = built.app;
      // A stack the configuration left empty (everything went to the other one) is the app's, not the library's.
      const nonEmpty = assembly.stacks.filter((s) => Object.keys(s.template.Resources ?? {}).length > 0);
      // An invalid configuration the library cannot see (a token's value) may make an invalid template; only the
      // templates of configurations the model calls valid (or is unsure of) go to the oracles.
      if (verdict.problems.length === 0 && verdict.known.length === 0) {
        templates = keep(nonEmpty.map((s) => path.join(assembly.directory, s.templateFile)));
      }
    }
  } catch (e) {
    if (e instanceof InvariantBroken) throw e;
    errors = messagesOf(e);
    if (errors.some((m) => !isOurs(m))) {
      const detail =
        e instanceof Error && !isOurs(messagesOf(e)[0]) ? `\n${e.stack ?? ''}`.split('\n').slice(0, 8).join('\n') : '';
      throw new Error(
        `not this library's error: ${errors
          .filter((m) => !isOurs(m))
          .map((m) => `${m.name}: ${m.message}`)
          .join(' | ')}${detail}`,
      );
    }
  }
  if (errors.length > 0 && errors.some((m) => !isOurs(m))) {
    throw new Error(
      `error annotation not in this library's format: ${errors
        .filter((m) => !isOurs(m))
        .map((m) => m.message)
        .join(' | ')}`,
    );
  }
  // A known foreign error (KNOWN_FOREIGN) is its own counterexample already, whether the configuration was valid or
  // not.
  const known = (m: { message: string }) => KNOWN_FOREIGN.some((g) => g.matches.test(m.message));
  if (errors.length > 0 && !errors.some(known) && verdict.problems.length === 0 && verdict.unsure.length === 0) {
    throw new Error(`a valid configuration was rejected: ${errors.map((m) => m.message).join(' | ')}`);
  }
  return { verdict, errors: errors.map((m) => m.message), templates, app };
}

/**
 * The deploy-path oracle on a synthesized app: every call its deployment makes must be allowed, unless this library
 * warned about that app (a resource it cannot write the policy of, a deploy role the guardrails deny: the warning
 * carries the fix). Returns the denied calls of an app without such a warning, one per line; empty when none.
 */
export async function deployPathOf(app: App): Promise<string> {
  const warned = app
    .synth()
    .stacks.some((s) =>
      s.messages.some((m) => m.level === 'warning' && String(m.entry.data).includes('cdk-cloudtrail-kit')),
    );
  const denied = describeDenied((await deployPathReport(app)).findings);
  return warned ? '' : denied;
}

class InvariantBroken extends Error {}
function broken(what: string): never {
  throw new InvariantBroken(`invariant broken: ${what}`);
}

/** The documented defaults (docs/defaults.md), checked on each synthesized template. */
export function checkInvariants(spec: AppSpec, stacks: Array<{ name: string; template: any }>): void {
  // Only a configuration that asked for no removal policy but RETAIN (or RETAIN_ON_UPDATE_OR_DELETE) anywhere is held
  // to Retain everywhere; one that asked to destroy something is not checked resource by resource.
  const alone = spec.standalone;
  const asked = [
    spec.trail?.removalPolicy,
    alone?.bucket?.removalPolicy,
    alone?.key?.removalPolicy,
    alone?.accessLogs?.removalPolicy,
  ].filter((r) => r !== undefined && r !== null);
  const retained = asked.every((r) => r === 'retain' || r === 'retainOnUpdateOrDelete');
  const removal = asked.includes('retainOnUpdateOrDelete') ? 'retainOnUpdateOrDelete' : 'retain';
  for (const { name, template } of stacks) {
    const resources: Array<[string, any]> = Object.entries(template.Resources ?? {});
    // Apps made without the CLI carry no aws:cdk:path metadata: the logical id starts with the construct ids.
    const pathOf = (r: any): string => r.Metadata?.['aws:cdk:path'] ?? '';
    // aws-cdk-lib's own Trail (the validator's subject) and its bucket are not this library's to harden.
    const ours = resources.filter(([id]) => !/^Plain(Trail|Topic)/.test(id));
    for (const [id, r] of ours) {
      const p = r.Properties ?? {};
      const at = `${name}/${id} (${pathOf(r)})`;
      if (r.Type === 'AWS::CloudTrail::Trail' && name === 'Main' && /^Trail[0-9A-F]{8}$/.test(id)) {
        const t = spec.trail!;
        if (p.EnableLogFileValidation !== (t.enableLogFileValidation !== false)) {
          broken(`${at}: EnableLogFileValidation is ${p.EnableLogFileValidation}`);
        }
        if (p.IsMultiRegionTrail !== (t.isMultiRegionTrail !== false)) {
          broken(`${at}: IsMultiRegionTrail is ${p.IsMultiRegionTrail}`);
        }
        if (p.IncludeGlobalServiceEvents !== (t.includeGlobalServiceEvents !== false)) {
          broken(`${at}: IncludeGlobalServiceEvents is ${p.IncludeGlobalServiceEvents}`);
        }
        if (p.IsLogging !== (t.isLogging !== false)) broken(`${at}: IsLogging is ${p.IsLogging}`);
        if (p.KMSKeyId === undefined) broken(`${at}: no KMSKeyId`);
        if ((t.sendToCloudWatchLogs !== false) !== (p.CloudWatchLogsLogGroupArn !== undefined)) {
          broken(`${at}: CloudWatch Logs delivery is ${p.CloudWatchLogsLogGroupArn !== undefined}`);
        }
        const tags = Object.fromEntries((p.Tags ?? []).map((x: any) => [x.Key, x.Value]));
        for (const [k, v] of Object.entries(t.tags ?? {})) {
          if (tags[k] !== v) broken(`${at}: tag ${k} is ${JSON.stringify(tags[k])}, not ${JSON.stringify(v)}`);
        }
      }
      if (r.Type === 'AWS::S3::Bucket') {
        const pab = p.PublicAccessBlockConfiguration ?? {};
        if (
          !['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'].every(
            (k) => pab[k] === true,
          )
        ) {
          broken(`${at}: public access not blocked`);
        }
        const policy = ours.find(
          ([, q]) =>
            q.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(q.Properties.Bucket) === JSON.stringify({ Ref: id }),
        );
        if (!policy) broken(`${at}: no bucket policy`);
        const statements: any[] = policy[1].Properties.PolicyDocument.Statement;
        if (
          !statements.some(
            (s) => s.Effect === 'Deny' && JSON.stringify(s.Condition ?? {}).includes('"aws:SecureTransport":"false"'),
          )
        ) {
          broken(`${at}: TLS not enforced`);
        }
        for (const s of statements) {
          const service = JSON.stringify(s.Principal ?? {});
          if (
            s.Effect === 'Allow' &&
            service.includes('cloudtrail.amazonaws.com') &&
            !/aws:Source(Arn|OrgID|Account)/.test(JSON.stringify(s.Condition ?? {}))
          ) {
            broken(`${at}: CloudTrail is allowed ${JSON.stringify(s.Action)} without aws:SourceArn`);
          }
        }
      }
      if (r.Type === 'AWS::KMS::Key' && p.EnableKeyRotation !== true) broken(`${at}: key rotation off`);
      // RETAIN_ON_UPDATE_OR_DELETE is CloudFormation's RetainExceptOnCreate: kept on delete, as asked.
      // (The trail's removalPolicy reaches only what the trail makes; the other constructs keep their own Retain.)
      const expected = removal === 'retainOnUpdateOrDelete' ? ['RetainExceptOnCreate', 'Retain'] : ['Retain'];
      if (
        ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup'].includes(r.Type) &&
        retained &&
        !expected.includes(r.DeletionPolicy)
      ) {
        broken(`${at}: DeletionPolicy ${r.DeletionPolicy}, but nothing asked to destroy it`);
      }
    }
  }
}
