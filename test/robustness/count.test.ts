import * as fs from 'fs';
import * as path from 'path';
import { RobustnessCase } from './harness';

// The adversarial suite is at least 150 configurations (each *.cases.ts file exports its list; each list runs in its
// own *.test.ts through describeCases), and every case file has a test file that runs it.

const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.cases.ts'));

test('every case file is run by a test file of the same name', () => {
  const missing = files.filter((f) => !fs.existsSync(path.join(__dirname, f.replace(/\.cases\.ts$/, '.test.ts'))));
  expect(missing).toEqual([]);
});

test('the adversarial suite has at least 150 cases, none empty', () => {
  const lists = files
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .flatMap((f) => Object.values(require(path.join(__dirname, f)) as Record<string, unknown>))
    .filter((v): v is RobustnessCase[] => Array.isArray(v));
  const cases = lists.flat();
  expect(cases.every((c) => typeof c.name === 'string' && typeof c.make === 'function')).toBe(true);
  expect(cases.length).toBeGreaterThanOrEqual(150);
});
