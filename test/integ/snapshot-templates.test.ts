/**
 * cfn-lint over the committed snapshot templates of the integration tests' own stacks (not the assertion stacks, which
 * integ-tests-alpha writes: its derived `s3:ListObjectsV2` action is no IAM action, W3037, and its waiter roles are
 * referenced both ways, W3005), with the exceptions of test/oracles/cfn-lint.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cfnLintFiles, withCfnLint } from '../oracles/cfn-lint';

const templates = fs.readdirSync(__dirname)
  .filter((entry) => entry.endsWith('.snapshot'))
  .flatMap((snapshot) => {
    const integ = JSON.parse(fs.readFileSync(path.join(__dirname, snapshot, 'integ.json'), 'utf-8'));
    const testStacks: string[] = Object.values(integ.testCases as Record<string, { stacks: string[] }>).flatMap((c) => c.stacks);
    return testStacks.map((stack) => path.join(__dirname, snapshot, `${stack}.template.json`));
  });

test('every integration test has a snapshot with its stacks', () => {
  expect(templates.length).toBeGreaterThanOrEqual(6);
  for (const template of templates) expect(fs.existsSync(template)).toBe(true);
});

withCfnLint('cfn-lint finds nothing in the snapshot templates of the test stacks', () => {
  expect(cfnLintFiles(templates)).toEqual([]);
}, 120_000);
