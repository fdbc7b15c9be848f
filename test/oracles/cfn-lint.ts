import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

/*
 * cfn-lint (AWS's CloudFormation linter, with the registry schemas) over synthesized templates. It comes from PyPI,
 * which these machines cannot reach: it is preinstalled (on PATH, else under pyenv's shims), and .ci/run fails without
 * it. Every finding fails, but for the exceptions below: one line each, with its reason.
 */

/** Findings that are not this library's to fix. Each names its rule, what it matches and why it is accepted. */
export const CFN_LINT_EXCEPTIONS: ReadonlyArray<{
  readonly rule: string;
  readonly matches: RegExp;
  readonly reason: string;
}> = [
  {
    rule: 'W3005',
    matches:
      /'\w*(ServiceRole|FunctionRole|BucketNotificationsHandler\w+Role)[0-9A-F]{8}' dependency already enforced by a 'GetAtt' at 'Resources\/\w+\/Properties\/Role'$/,
    reason:
      "aws-cdk-lib's lambda.Function (the AwsCustomResource provider, the bucket notifications handler, and the monitors' functions given their own role) depends on its role both ways; aws-cdk-lib writes it",
  },
  {
    rule: 'W3005',
    matches:
      /'\w*LogsRole[0-9A-F]{8}' dependency already enforced by a 'GetAtt' at 'Resources\/\w+\/Properties\/CloudWatchLogsRoleArn'$/,
    reason:
      "aws-cdk-lib's own cloudtrail.Trail (tested for its rules) depends on its CloudWatch Logs role both ways; aws-cdk-lib writes it",
  },
  {
    rule: 'W3010',
    matches: /:W3010:Avoid hardcoding availability zones 'dummy1[a-z]'$/,
    reason:
      "aws-cdk-lib's ec2.Vpc in a stack with an account and Region takes its zones from a context lookup, which synthesizes offline as the stand-ins dummy1a, dummy1b, ...",
  },
];

/** Whether a cfn-lint finding (one parseable line) is one of the written exceptions. */
function isCfnLintException(finding: string): boolean {
  return CFN_LINT_EXCEPTIONS.some(({ rule, matches }) => finding.includes(`:${rule}:`) && matches.test(finding));
}

function cfnLintBinary(): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'cfn-lint')),
    path.join(os.homedir(), '.pyenv', 'shims', 'cfn-lint'),
  ];
  return candidates.find((file) => fs.existsSync(file));
}

export const CFN_LINT = cfnLintBinary();

/** What cfn-lint's remembered findings depend on besides the template: its version and the exceptions. */
export function cfnLintMemoryKey(): string {
  if (!CFN_LINT) {
    throw new Error('cfn-lint is not installed (pip install cfn-lint, from PyPI): no template can be checked with it');
  }
  const version = execFileSync(CFN_LINT, ['--version'], { encoding: 'utf-8' }).trim();
  return `${version} ${CFN_LINT_EXCEPTIONS.map((e) => e.matches.source).join(' ')}`;
}

async function lintOne(files: string[]): Promise<string[]> {
  try {
    await promisify(execFile)(CFN_LINT!, ['--format', 'parseable', '--', ...files], { maxBuffer: 256 * 1024 * 1024 });
    return [];
  } catch (e) {
    const stdout = (e as { stdout?: string }).stdout ?? '';
    if (!stdout.trim()) throw e;
    return stdout.trim().split('\n');
  }
}

/**
 * Every cfn-lint finding (`<template>:<line>:<col>:...:<rule>:<message>`) over template files, but the exceptions; the
 * files are split over `processes` linters running at once (cfn-lint takes seconds to start, then works on one core).
 */
export async function cfnLintFiles(files: string[], processes = 2): Promise<string[]> {
  if (!CFN_LINT) {
    throw new Error('cfn-lint is not installed (pip install cfn-lint, from PyPI): no template can be checked with it');
  }
  const size = Math.ceil(files.length / processes);
  const chunks = Array.from({ length: processes }, (_, i) => files.slice(i * size, (i + 1) * size)).filter(
    (c) => c.length > 0,
  );
  const findings = await Promise.all(chunks.map(lintOne));
  return findings.flat().filter((line) => !isCfnLintException(line));
}
