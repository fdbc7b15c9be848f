import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/*
 * cfn-lint (AWS's CloudFormation linter, with the registry schemas) over synthesized templates, when it is installed
 * (it comes from PyPI, which CI machines may not reach): on PATH, else under pyenv's shims.
 */

function cfnLintBinary(): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'cfn-lint')),
    path.join(os.homedir(), '.pyenv', 'shims', 'cfn-lint'),
  ];
  return candidates.find((file) => fs.existsSync(file));
}

export const CFN_LINT = cfnLintBinary();

/** Every cfn-lint finding (`<template>:<line>:<col>:...:<rule>:<message>`) over the templates, one lint process for all. */
export function cfnLintFindings(templates: Record<string, unknown>): string[] {
  if (!CFN_LINT) throw new Error('cfn-lint is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-'));
  const files = Object.entries(templates).map(([name, template]) => {
    const file = path.join(dir, `${name.replace(/[^A-Za-z0-9-]/g, '_')}.json`);
    fs.writeFileSync(file, JSON.stringify(template, undefined, 1));
    return file;
  });
  try {
    execFileSync(CFN_LINT, ['--format', 'parseable', '--', ...files], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'] });
    return [];
  } catch (e) {
    const output = (e as { stdout?: string }).stdout ?? '';
    if (!output.trim()) throw e;
    return output.trim().split('\n').map((line) => line.replace(`${dir}${path.sep}`, ''));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the test when cfn-lint is installed, and says so when it is not. */
export const withCfnLint = CFN_LINT ? test : test.skip;
