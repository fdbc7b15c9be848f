import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', 'src');

/** The aws-cdk-lib modules and `constructs`, as src imports them. */
function peerModules(dir = SRC): string[] {
  const found = fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return peerModules(full);
    if (!entry.name.endsWith('.ts')) return [];
    const specs = [...fs.readFileSync(full, 'utf-8').matchAll(/from '((?:aws-cdk-lib|constructs)(?:\/[^']*)?)'/g)];
    return specs.map((m) => m[1]);
  });
  return [...new Set(found)];
}

/**
 * A module of src (`modulePath` relative to src) loaded again, with its own copy of every module of src, as in an app
 * that installs two copies of this library. aws-cdk-lib and constructs stay shared, as the peer dependencies they are.
 */
export function secondCopy<T>(modulePath: string): T {
  const peers = peerModules();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const shared = new Map(peers.map((name) => [name, require(name)]));
  let loaded: T | undefined;
  jest.isolateModules(() => {
    for (const name of peers) jest.doMock(name, () => shared.get(name));
    loaded = require(path.join(SRC, modulePath));
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
  for (const name of peers) jest.dontMock(name);
  return loaded!;
}
