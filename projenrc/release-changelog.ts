/**
 * The release's changelog (docs/releasing.md). CHANGELOG.md is the version history, written by hand: the next
 * version's notes are under `## Unreleased`. `bump` (commit-and-tag-version) writes dist/changelog.md: the version's
 * heading and the conventional commits since the last tag. From the two, a release writes
 * - dist/changelog.md: the version's section, the hand-written notes first (the GitHub release's notes and the tag's
 *   message), and
 * - dist/CHANGELOG.md: CHANGELOG.md with that section under an emptied `## Unreleased` (the release workflow commits it
 *   to the release branch once every registry has the version).
 * The repository's CHANGELOG.md is left as it is, so the release's check that the build changed no file still holds.
 */
import * as fs from 'fs';
import * as path from 'path';

export const UNRELEASED = '## Unreleased';

/** The version's section and the whole new CHANGELOG.md. */
export interface ReleaseChangelog {
  readonly section: string;
  readonly changelog: string;
}

/**
 * @param changelog CHANGELOG.md
 * @param generated dist/changelog.md as commit-and-tag-version wrote it
 * @param version the version being released
 */
export function releaseChangelog(changelog: string, generated: string, version: string): ReleaseChangelog {
  const lines = changelog.split('\n');
  const start = lines.findIndex((l) => l.trim() === UNRELEASED);
  if (start < 0 || lines.slice(start + 1).some((l) => l.trim() === UNRELEASED)) {
    throw new Error(`CHANGELOG.md must have exactly one '${UNRELEASED}' heading (the next version's notes)`);
  }
  if (lines.some((l) => /^## /.test(l) && headingVersion(l) === version)) {
    throw new Error(`CHANGELOG.md already has a section for ${version}`);
  }
  const next = lines.findIndex((l, i) => i > start && /^## /.test(l));
  const end = next < 0 ? lines.length : next;
  const notes = lines
    .slice(start + 1, end)
    .join('\n')
    .trim();

  const generatedLines = generated.trim().split('\n');
  const heading = generatedLines.findIndex((l) => /^##? /.test(l));
  if (heading < 0 || headingVersion(generatedLines[heading]) !== version) {
    throw new Error(`dist/changelog.md has no heading for ${version}: ${JSON.stringify(generated.slice(0, 200))}`);
  }
  // commit-and-tag-version writes `#` for a major version and `##` otherwise; the history keeps every version at `##`.
  const title = generatedLines[heading].replace(/^##? /, '## ');
  const commits = generatedLines
    .slice(heading + 1)
    .join('\n')
    .trim();
  if (!notes && !commits) {
    throw new Error(`nothing to release: no notes under '${UNRELEASED}' in CHANGELOG.md and no feat or fix commit`);
  }

  const section = [title, notes, commits].filter((part) => part).join('\n\n') + '\n';
  const before = lines.slice(0, start + 1).join('\n');
  const after = lines.slice(end).join('\n').trim();
  return { section, changelog: [before, section.trimEnd(), after].filter((part) => part).join('\n\n') + '\n' };
}

/** The version a changelog heading names: `## 0.1.0 (date)`, `## [0.1.0](compare link) (date)`. */
function headingVersion(heading: string): string | undefined {
  return /^#+ \[?v?(\d+\.\d+\.\d+[^\]\s]*)/.exec(heading)?.[1];
}

function main(): void {
  const dist = process.argv[2] ?? 'dist';
  const version = fs.readFileSync(path.join(dist, 'version.txt'), 'utf-8').trim();
  const result = releaseChangelog(
    fs.readFileSync('CHANGELOG.md', 'utf-8'),
    fs.readFileSync(path.join(dist, 'changelog.md'), 'utf-8'),
    version,
  );
  fs.writeFileSync(path.join(dist, 'changelog.md'), result.section);
  fs.writeFileSync(path.join(dist, 'CHANGELOG.md'), result.changelog);
  console.log(`${dist}/changelog.md: the notes of ${version}; ${dist}/CHANGELOG.md: the history with them`);
}

if (require.main === module) main();
