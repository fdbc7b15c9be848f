import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { cdkValidationFindings } from '../oracles/cdk-validation';
import { CFN_LINT, cfnLintFiles } from '../oracles/cfn-lint';
import { keptTemplates, TEST_OUT, uncheckedTemplates } from '../oracles/templates';

/*
 * The unit tests synthesize without aws-cdk-lib's per-synth template validation; test/setup.ts keeps every template a
 * synthesis writes, and the checker step (test/oracles/check-templates.ts) runs aws-cdk-lib's validation and cfn-lint
 * over them. These tests show each link of that chain can fail: a template is kept, an unchecked app's is not, and both
 * oracles find a fault in a template CloudFormation would reject.
 */

/** A bucket whose properties refer to itself: CloudFormation cannot order it. */
function circular(app: App): string {
  const bucket = new s3.CfnBucket(new Stack(app, 'Oracle'), 'Logs');
  bucket.loggingConfiguration = { destinationBucketName: 'elsewhere', logFilePrefix: bucket.ref };
  const assembly = app.synth();
  return path.join(assembly.directory, assembly.getStackByName('Oracle').templateFile);
}

test("apps write under the run's own folder, not the system temp folder", () => {
  expect(os.tmpdir().startsWith(TEST_OUT)).toBe(true);
  expect(new App().outdir.startsWith(TEST_OUT)).toBe(true);
});

test('a synthesis keeps its template for the checker, once', () => {
  const app = new App();
  new s3.CfnBucket(new Stack(app, 'Kept'), 'Bucket', { bucketName: 'kept-once-for-the-checker' });
  const file = app.synth().stacks[0].templateFullPath;
  app.synth({ force: true });
  const body = fs.readFileSync(file, 'utf-8');
  expect(keptTemplates().filter((kept) => fs.readFileSync(kept, 'utf-8') === body)).toHaveLength(1);
});

describe('a template CloudFormation would reject', () => {
  let file: string;
  beforeAll(() => {
    file = circular(new App({ context: uncheckedTemplates("the negative control of the checker's oracles") }));
  });

  test('synthesizes in a unit test, and is not kept for the checker', () => {
    const body = fs.readFileSync(file, 'utf-8');
    expect(keptTemplates().map((kept) => fs.readFileSync(kept, 'utf-8'))).not.toContain(body);
  });

  test("fails aws-cdk-lib's validation", () => {
    expect(cdkValidationFindings([file]).join('\n')).toMatch(/Circular dependency with \[Logs -> Logs\]/);
  });

  (CFN_LINT ? test : test.skip)(
    'fails cfn-lint',
    async () => {
      expect((await cfnLintFiles([file])).join('\n')).toMatch(/:E3004:Circular Dependencies for resource Logs/);
    },
    60_000,
  );
});
