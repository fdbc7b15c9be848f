import * as fs from 'fs';
import { integSnapshotTemplates } from './snapshots';

/*
 * The committed snapshot templates of the integration tests' own stacks, which the checker step
 * (test/oracles/check-templates.ts) runs cfn-lint and aws-cdk-lib's validation over.
 */

const templates = integSnapshotTemplates();

test('every integration test has a snapshot with its stacks', () => {
  expect(templates.length).toBeGreaterThanOrEqual(6);
  for (const template of templates) expect(fs.existsSync(template)).toBe(true);
});
