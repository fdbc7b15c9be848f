import * as fs from 'fs';
import * as path from 'path';

/**
 * The committed snapshot templates of the integration tests' own stacks (`integ.json`'s test cases), without the
 * assertion stacks integ-tests-alpha writes: their derived `s3:ListObjectsV2` is no IAM action (cfn-lint W3037; the
 * tests grant `s3:ListBucket` beside it) and their waiter roles are referenced both ways (W3005).
 */
export function integSnapshotTemplates(): string[] {
  return fs
    .readdirSync(__dirname)
    .filter((entry) => entry.endsWith('.snapshot'))
    .flatMap((snapshot) => {
      const integ = JSON.parse(fs.readFileSync(path.join(__dirname, snapshot, 'integ.json'), 'utf-8'));
      const testStacks: string[] = Object.values(integ.testCases as Record<string, { stacks: string[] }>).flatMap(
        (c) => c.stacks,
      );
      return testStacks.map((stack) => path.join(__dirname, snapshot, `${stack}.template.json`));
    });
}
