import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cfnLintFiles, cfnLintMemoryKey } from './cfn-lint';
import { rememberedFindings, unremembered } from './remembered';
import { keptTemplates, ROOT, TEST_OUT } from './templates';

/*
 * The follower: cfn-lint over the templates jest keeps, while jest runs. jest leaves part of the two cores idle, and
 * cfn-lint is the checker's longest step (about half a second of CPU per template): the follower, started by the
 * global setup at a low priority, lints what has been kept in small batches and remembers the findings
 * (./remembered.ts), so the checker step lints only what is left. It stops when told to (the global teardown, the
 * checker), when jest is gone, or after an hour.
 */

const PID = path.join(TEST_OUT, 'follower.pid');
const STOP = path.join(TEST_OUT, 'follower.stop');
const BATCH = 20;

/** Starts the follower beside jest (from the global setup). */
export function startFollower(): void {
  if (process.env.CHECKER_FOLLOWER === 'off') return;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, String(process.pid)], {
    cwd: ROOT,
    // In jest's own session: the scheduler weighs a low priority only against processes of the same session (Linux
    // autogroups), and a detached follower in a session of its own took half the CPU from jest.
    detached: false,
    stdio: 'ignore',
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json') },
  });
  if (child.pid === undefined) return;
  os.setPriority(child.pid, 15);
  fs.writeFileSync(PID, String(child.pid));
  child.unref();
}

/** Tells the follower to stop after its batch, and waits until it has (it is gone at once when it never started). */
export async function stopFollower(): Promise<void> {
  if (!fs.existsSync(PID)) return;
  fs.writeFileSync(STOP, '');
  const pid = Number(fs.readFileSync(PID, 'utf-8'));
  while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 200));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function follow(jestPid: number): Promise<void> {
  const key = cfnLintMemoryKey();
  const until = Date.now() + 3600_000;
  while (!fs.existsSync(STOP) && alive(jestPid) && Date.now() < until) {
    const unseen = unremembered('cfn-lint', key, keptTemplates()).slice(0, BATCH);
    if (unseen.length === 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    else await rememberedFindings('cfn-lint', key, unseen, (files) => cfnLintFiles(files, 1));
  }
  fs.rmSync(PID, { force: true });
}

if (require.main === module) {
  void follow(Number(process.argv[2])).finally(() => process.exit(0));
}
