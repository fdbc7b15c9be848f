import * as fs from 'fs';
import { TMP } from './oracles/templates';

/** The apps' cloud assemblies and every other temporary file of the run go; the kept templates stay for the checker. */
export default function globalTeardown(): void {
  fs.rmSync(TMP, { recursive: true, force: true });
}
