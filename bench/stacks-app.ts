/*
 * One `cdk synth`-like process: `node stacks-app.js <variant> <stacks>` builds an app of that many stacks, each in its
 * own account, with one default SecureTrail ('secure') or aws-cdk-lib's Trail wired by hand to the same hardening
 * ('hand', ./hand-wired.ts), synthesizes it to a temporary directory, and prints its own CPU time as JSON.
 * With 'describe' it prints what one stack of each variant deploys instead.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { handWiredTrail } from './hand-wired';
import { SecureTrail } from '../src';

export const VARIANTS: Record<string, (stack: Stack, i: number) => void> = {
  secure: (stack) => {
    new SecureTrail(stack, 'Trail');
  },
  hand: (stack, i) => {
    handWiredTrail(stack, 'Trail', { trailName: `HandWiredTrail${i}` });
  },
};

/** Builds and synthesizes the app; returns the template of its first stack. */
function synthesize(variant: string, stacks: number): any {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-cloudtrail-kit-bench-'));
  const app = new App({ outdir });
  for (let i = 0; i < stacks; i++) {
    VARIANTS[variant](
      new Stack(app, `Stack${i}`, { env: { account: String(100000000000 + i), region: 'us-east-1' } }),
      i,
    );
  }
  const template = app.synth().stacks[0].template;
  fs.rmSync(outdir, { recursive: true, force: true });
  return template;
}

function describe(): string {
  return Object.keys(VARIANTS)
    .map((variant) => {
      const template = synthesize(variant, 1);
      const resources = Object.values<any>(template.Resources ?? {});
      const statements = resources.reduce((sum, r) => {
        const document = r.Properties?.PolicyDocument ?? r.Properties?.KeyPolicy;
        return sum + (document ? [document.Statement].flat().length : 0);
      }, 0);
      return `${variant}: ${resources.length} resources, ${statements} policy statements per stack`;
    })
    .join('\n');
}

if (require.main === module) {
  const [variant, stacks] = [process.argv[2], Number(process.argv[3] ?? 100)];
  if (variant === 'describe') {
    console.log(describe());
  } else {
    if (!VARIANTS[variant]) throw new Error(`variant '${variant}': one of ${Object.keys(VARIANTS).join(', ')}`);
    synthesize(variant, stacks);
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000 }));
  }
}
