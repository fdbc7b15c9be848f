import { SCENARIOS, time } from '../../bench/selectors.bench';

/*
 * 10,000 selectors, buckets or values: the outcome CloudTrail would have (more than 500 values across advanced
 * selectors is rejected at synth). How long they take is `npm run bench`'s to print against its bound (a time in a test
 * fails CI on a busy machine); these are the same scenarios, run once each in this process.
 */

const N = 10_000;

/** Each scenario's outcome at 10,000, as CloudTrail would have it. */
const OUTCOMES: Record<string, string> = {
  'distinct advanced selectors': 'rejected (40001 values)',
  'selectors that pool into one': 'rejected (10003 values)',
  'identical selectors': 'accepted',
  'values in one condition': 'rejected (10003 values)',
  buckets: 'rejected (10003 values)',
  'buckets under all S3 data events': 'accepted',
};

test('every benchmarked scenario has its expected outcome here', () => {
  expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(OUTCOMES).sort());
});

test.each(Object.entries(OUTCOMES))(
  `${N} of '%s' are %s`,
  (scenario, outcome) => {
    const timing = time(scenario, N);
    expect(timing.n).toBe(N);
    expect(timing.outcome).toBe(outcome);
  },
  60_000,
);
