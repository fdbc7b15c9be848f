import * as fs from 'fs';
import * as path from 'path';
import { catalogMarkdown } from './catalog-doc';
import { CATALOG } from '../../src/validation/catalog';

/*
 * The catalog is complete by construction only if every entry is either a rule with a test or a reason it cannot be
 * checked: each check below fails on an entry that has neither, and on a rule no test names.
 */

const entries = CATALOG.flatMap((section) => [
  ...section.rules.map((rule) => ({ section: section.service, id: rule.id, entry: rule as any })),
  ...section.unchecked.map((entry) => ({ section: section.service, id: entry.id, entry: entry as any })),
]);

/**
 * A rule id as tests write it: quoted, or in brackets as messages show it (`'ID'`, `[ID]`, `\\[ID\\]`, `'ID: ...'`).
 */
const BEFORE = '[\'"`[]';
const AFTER = '[\'"`\\]\\\\:]';

/** Every test file's text except this one's: a rule is tested when a test names its id. */
function testTexts(): string {
  const root = path.join(__dirname, '..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, f.name);
      if (f.isDirectory() && !f.name.endsWith('.snapshot') && f.name !== '__snapshots__') walk(full);
      else if (/\.ts$/.test(f.name) && full !== __filename) files.push(full);
    }
  };
  walk(root);
  return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

describe('the constraints catalog', () => {
  test('ids are unique', () => {
    const seen = new Map<string, string>();
    const duplicates = entries
      .filter(({ id, section }) => {
        const before = seen.get(id);
        seen.set(id, section);
        return before !== undefined;
      })
      .map(({ id }) => id);
    expect(duplicates).toEqual([]);
  });

  test.each(entries.map((e) => [e.id, e] as const))('%s gives its constraint and AWS source', (_id, { entry }) => {
    expect(entry.constraint).toMatch(/\w{3,}.*\./);
    expect(entry.source).toMatch(/\w{3,}/);
  });

  test.each(entries.map((e) => [e.id, e] as const))(
    '%s is a rule or says why it cannot be checked at synth',
    (_id, { entry }) => {
      const checked = typeof entry.check === 'function';
      const unchecked = typeof entry.unchecked === 'string' && entry.unchecked.length > 10;
      expect([checked, unchecked]).toContainEqual(true);
      expect(checked && unchecked).toBe(false);
    },
  );

  test('every rule is named by a test', () => {
    const texts = testTexts();
    const untested = entries
      .filter(({ entry }) => typeof entry.check === 'function')
      .map(({ id }) => id)
      .filter((id) => !new RegExp(`${BEFORE}${id}${AFTER}`).test(texts));
    expect(untested).toEqual([]);
  });

  test('docs/constraints.md is generated from the catalog (npx ts-node test/validation/catalog-doc.ts --write)', () => {
    const file = path.join(__dirname, '..', '..', 'docs', 'constraints.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(catalogMarkdown());
  });
});
