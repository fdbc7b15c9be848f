import { APP_RULES, AppTrail } from '../../src/validation/rules/app';

/*
 * The checks across an app's trails are linear in the number of trails: 10,000 trails, in 10,000 accounts (none
 * reported) and in one account and Region (all reported at once), are checked in well under 2 s.
 * Source: CloudTrail User Guide WhatIsCloudTrail-Limits (5 trails per Region), CreateTrail TrailAlreadyExistsException.
 */
const trailsIn = (account: (i: number) => string): AppTrail[] =>
  Array.from({ length: 10_000 }, (_, i) => ({
    path: `S${i}/Trail`,
    stack: `S${i}`,
    account: account(i),
    region: 'us-east-1',
    name: `trail-${i % 5000}`,
    multiRegion: i % 2 === 0,
    derived: [`KMS alias 'alias/cloudtrail/trail-${i % 5000}'`],
  }));

test.each([
  ['10,000 accounts', (i: number) => String(100000000000 + i), 0],
  // The quota once; each name twice (same name, so the derived names are not reported again).
  ['one account', () => '111111111111', 1 + 5000],
])('10,000 trails in %s are checked in under 2 s', (_what, account, findings) => {
  const trails = trailsIn(account);
  const start = Date.now();
  const found = APP_RULES.flatMap((rule) => rule.check(trails));
  expect(Date.now() - start).toBeLessThan(2000);
  expect(found.length).toBe(findings);
});
