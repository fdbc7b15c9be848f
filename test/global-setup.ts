import * as fs from 'fs';
import { startFollower } from './oracles/follow';
import { TEST_OUT, TMP } from './oracles/templates';

/**
 * A run starts from nothing (no templates of an earlier run reach its checker step), and whatever the workers and the
 * processes they start write to the temp folder goes under the run's own folder. The follower lints the templates the
 * tests keep while they run (./oracles/follow.ts).
 */
export default function globalSetup(): void {
  fs.rmSync(TEST_OUT, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  process.env.TMPDIR = TMP;
  startFollower();
}
