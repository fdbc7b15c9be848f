import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';

/*
 * cfn-lint (AWS's CloudFormation linter, with the registry schemas) over synthesized templates, when it is installed
 * (it comes from PyPI, which these machines cannot reach: it is preinstalled, and .ci/run fails without it): on PATH,
 * else under pyenv's shims. Every finding fails, but for the exceptions below: one line each, with its reason.
 */

/** Findings that are not this library's to fix. Each names its rule, what it matches and why it is accepted. */
export const CFN_LINT_EXCEPTIONS: ReadonlyArray<{ readonly rule: string; readonly matches: RegExp; readonly reason: string }> = [
  { rule: 'W3005', matches: /'\w*ServiceRole[0-9A-F]{8}' dependency already enforced by a 'GetAtt' at 'Resources\/\w+\/Properties\/Role'$/, reason: 'aws-cdk-lib\'s lambda.Function (also the AwsCustomResource provider) depends on its role both ways; aws-cdk-lib writes it' },
];

function isException(finding: string): boolean {
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

/**
 * Every cfn-lint finding (`<template>:<line>:<col>:...:<rule>:<message>`) over the templates, one lint process for all,
 * but the exceptions.
 */
export function cfnLintFindings(templates: Record<string, unknown>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-'));
  try {
    const files = Object.entries(templates).map(([name, template]) => {
      const file = path.join(dir, `${name.replace(/[^A-Za-z0-9-]/g, '_')}.json`);
      fs.writeFileSync(file, JSON.stringify(template, undefined, 1));
      return file;
    });
    return cfnLintFiles(files).map((line) => line.replace(`${dir}${path.sep}`, ''));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every cfn-lint finding over template files, but the exceptions. */
export function cfnLintFiles(files: string[]): string[] {
  if (!CFN_LINT) throw new Error('cfn-lint is not installed');
  if (files.length === 0) return [];
  try {
    execFileSync(CFN_LINT, ['--format', 'parseable', '--', ...files], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    return [];
  } catch (e) {
    const output = (e as { stdout?: string }).stdout ?? '';
    if (!output.trim()) throw e;
    return output.trim().split('\n').filter((line) => !isException(line));
  }
}

/** The templates of every stack of an app, named `<name>-<stack>`. */
export function appTemplates(name: string, app: App): Record<string, unknown> {
  return Object.fromEntries(app.synth().stacks.map((stack) => [`${name}-${stack.stackName}`, stack.template]));
}

/** Runs the test when cfn-lint is installed, and says so when it is not. */
export function withCfnLint(name: string, fn: () => void, timeout?: number): void {
  (CFN_LINT ? test : test.skip)(name, fn, timeout);
}
