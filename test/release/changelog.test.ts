import { releaseChangelog } from '../../projenrc/release-changelog';

const history = [
  '# Changelog',
  '',
  'Intro.',
  '',
  '## Unreleased',
  '',
  '- Fixed: a thing users saw.',
  '- Upgrade: rename `given` to `props`.',
  '',
  '## 0.1.0 (2026-12-07)',
  '',
  '- The first release.',
  '',
].join('\n');

// As commit-and-tag-version writes dist/changelog.md: the compare link, then one list per commit type.
const generated = [
  '## [0.2.0](https://github.com/o/r/compare/v0.1.0...v0.2.0) (2027-01-10)',
  '',
  '',
  '### Features',
  '',
  '* **trail:** a feature ([abc1234](https://github.com/o/r/commit/abc1234))',
  '',
].join('\n');

describe('releaseChangelog', () => {
  test('the hand-written notes become the version section, above its commits, under an emptied Unreleased', () => {
    const result = releaseChangelog(history, generated, '0.2.0');
    expect(result.section).toBe(
      [
        '## [0.2.0](https://github.com/o/r/compare/v0.1.0...v0.2.0) (2027-01-10)',
        '',
        '- Fixed: a thing users saw.',
        '- Upgrade: rename `given` to `props`.',
        '',
        '### Features',
        '',
        '* **trail:** a feature ([abc1234](https://github.com/o/r/commit/abc1234))',
        '',
      ].join('\n'),
    );
    expect(result.changelog).toBe(
      [
        '# Changelog',
        '',
        'Intro.',
        '',
        '## Unreleased',
        '',
        result.section,
        '## 0.1.0 (2026-12-07)',
        '',
        '- The first release.',
        '',
      ].join('\n'),
    );
  });

  test('the first release: a heading without compare link, no conventional commit, the notes alone', () => {
    const first = history.split('\n## 0.1.0')[0] + '\n';
    const result = releaseChangelog(first, '## 0.1.0 (2026-12-07)\n\n', '0.1.0');
    expect(result.section).toBe(
      '## 0.1.0 (2026-12-07)\n\n- Fixed: a thing users saw.\n- Upgrade: rename `given` to `props`.\n',
    );
    expect(result.changelog).toBe(`# Changelog\n\nIntro.\n\n## Unreleased\n\n${result.section}`);
  });

  test('a major version keeps the history at one heading level', () => {
    const result = releaseChangelog(
      history,
      '# [1.0.0](https://github.com/o/r/compare/v0.1.0...v1.0.0) (2027-02-01)\n',
      '1.0.0',
    );
    expect(result.section.split('\n')[0]).toBe(
      '## [1.0.0](https://github.com/o/r/compare/v0.1.0...v1.0.0) (2027-02-01)',
    );
  });

  test('only commits: the version section lists them', () => {
    const empty = history.replace(/- Fixed.*\n- Upgrade.*\n/, '');
    expect(releaseChangelog(empty, generated, '0.2.0').section).toMatch(
      /^## \[0\.2\.0\].*\n\n### Features\n\n\* \*\*trail/,
    );
  });

  test.each([
    [
      'no Unreleased heading',
      history.replace('## Unreleased', '## Next'),
      generated,
      '0.2.0',
      /exactly one '## Unreleased'/,
    ],
    ['two Unreleased headings', `${history}\n## Unreleased\n`, generated, '0.2.0', /exactly one '## Unreleased'/],
    [
      'a version already in the history',
      history,
      '## 0.1.0 (2026-12-08)\n',
      '0.1.0',
      /already has a section for 0\.1\.0/,
    ],
    ['a generated heading for another version', history, generated, '0.3.0', /no heading for 0\.3\.0/],
    [
      'nothing to say',
      history.replace(/- Fixed.*\n- Upgrade.*\n/, ''),
      '## 0.2.0 (2027-01-10)\n',
      '0.2.0',
      /nothing to release/,
    ],
  ])('refused: %s', (_name, changelog, gen, version, message) => {
    expect(() => releaseChangelog(changelog, gen, version)).toThrow(message);
  });
});
