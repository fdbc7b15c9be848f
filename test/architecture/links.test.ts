import * as fs from 'fs';
import * as path from 'path';

/*
 * Every relative link in the documentation resolves: the file (or folder) exists, and a `#anchor` names a heading of
 * the target Markdown file, by GitHub's heading slugs (what GitHub and Construct Hub link to).
 */

const ROOT = path.join(__dirname, '..', '..');

const listMarkdown = (dir: string) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(dir, f));

const FILES = [
  'README.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  ...listMarkdown('docs'),
  ...fs
    .readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, 'examples', d.name, 'README.md')))
    .map((d) => path.join('examples', d.name, 'README.md')),
];

/** The text outside fenced code blocks and inline code, where Markdown reads links and headings. */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line.replace(/`[^`]*`/g, (code) => code.replace(/[[\]()]/g, ' '));
  });
}

/** GitHub's slug of a heading: lowercase, punctuation dropped, spaces as '-', repeats numbered (github-slugger). */
function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? undefined : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  }
  return slugs;
}

/** Every relative link target (with its anchor) of a Markdown file. */
function relativeLinks(markdown: string): string[] {
  const targets: string[] = [];
  for (const line of prose(markdown)) {
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(m[1])) targets.push(m[1]);
    }
  }
  return targets;
}

/** What is wrong with one link of `file`, or undefined. */
function brokenLink(file: string, target: string): string | undefined {
  const [rawPath, anchor] = target.split('#', 2);
  const resolved = rawPath === '' ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), rawPath);
  if (!fs.existsSync(resolved)) return `${file}: ${target}: no such file`;
  if (anchor === undefined || !resolved.endsWith('.md')) return undefined;
  const slugs = headingSlugs(fs.readFileSync(resolved, 'utf-8'));
  return slugs.has(decodeURIComponent(anchor)) ? undefined : `${file}: ${target}: no heading #${anchor}`;
}

test('the files to check are there, and hold links', () => {
  expect(FILES).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', path.join('docs', 'trail.md')]));
  const count = FILES.reduce((n, f) => n + relativeLinks(fs.readFileSync(path.join(ROOT, f), 'utf-8')).length, 0);
  expect(count).toBeGreaterThan(50);
});

test.each(FILES)('every relative link and anchor in %s resolves', (file) => {
  const broken = relativeLinks(fs.readFileSync(path.join(ROOT, file), 'utf-8'))
    .map((target) => brokenLink(file, target))
    .filter((problem) => problem !== undefined);
  expect(broken).toEqual([]);
});

test("headings get GitHub's slugs", () => {
  const slugs = headingSlugs(
    [
      "## Compared with aws-cdk-lib's `Trail`",
      '### CIS 3.8 / 3.9: S3 object-level logging',
      '## Notes',
      '```sh',
      '# not a heading',
      '```',
      '## Notes',
    ].join('\n'),
  );
  expect([...slugs]).toEqual([
    'compared-with-aws-cdk-libs-trail',
    'cis-38--39-s3-object-level-logging',
    'notes',
    'notes-1',
  ]);
});

test('a broken link or anchor is reported', () => {
  expect(brokenLink('README.md', 'docs/no-such-guide.md')).toMatch(/no such file/);
  expect(brokenLink('README.md', 'docs/trail.md#no-such-heading')).toMatch(/no heading/);
  expect(brokenLink('README.md', '#no-such-heading')).toMatch(/no heading/);
  expect(brokenLink('README.md', 'docs/trail.md#the-simplest-trail')).toBeUndefined();
});
