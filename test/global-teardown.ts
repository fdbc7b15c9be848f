import * as fs from 'fs';
import { stopFollower } from './oracles/follow';
import { TMP } from './oracles/templates';

/**
 * The apps' cloud assemblies and every other temporary file of the run go; the kept templates stay for the checker, and
 * the follower stops (the checker lints what it has not, on both cores).
 */
export default async function globalTeardown(): Promise<void> {
  await stopFollower();
  fs.rmSync(TMP, { recursive: true, force: true });
}
