import { join } from 'node:path';

/** A file inside an installed package, even one its `exports` map does not list (React's UMD builds, chart.js's UMD bundle). */
export function packageFile(pkg: string, file: string): string {
  const entry = require.resolve(pkg);
  const marker = `node_modules/${pkg}/`;
  return join(entry.slice(0, entry.lastIndexOf(marker) + marker.length), file);
}
