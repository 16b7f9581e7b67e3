#!/usr/bin/env node
// The production build: one bundled CommonJS file per entry point in dist/, packages left to
// node_modules, so `node dist/<entry>.js` runs with no TypeScript compiler (npm start, the Dockerfile).
// Plain JavaScript on purpose: it must run before anything is compiled.
//
// Files read at run time stay where they are in the source tree (authorization.yaml, the YAML data
// files, schema/, the report page and dashboard): each `__dirname` in a source file becomes that
// file's own folder, relative to dist/, so `join(__dirname, 'holidays.yaml')` finds the same file
// from the build as from TypeScript. Migrations are imported classes, not globs: they are bundled.
const { build } = require('esbuild');
const { readdirSync, statSync } = require('node:fs');
const { readFile } = require('node:fs/promises');
const { dirname, join, relative, resolve } = require('node:path');

const ROOT = join(__dirname, '..');
// `--outdir DIR` (tests build their own copy): it must sit inside the checkout, so node_modules resolves.
const outdirArg = process.argv.indexOf('--outdir');
const OUT = outdirArg > 0 ? resolve(process.argv[outdirArg + 1]) : join(ROOT, 'dist');

/** dist/<name>.js ← source entry point. */
const ENTRIES = {
  start: 'scripts/start.ts',
  token: 'scripts/token.ts',
  'measures-import': 'scripts/measures-import.ts',
  gateway: 'gateway/main.ts',
  // The bench's servers run the compiled code too, as production does (scripts/bench/processes.ts).
  'bench-gateway': 'scripts/bench/gateway-process.ts',
  'bench-subgraph': 'scripts/bench/subgraph-process.ts',
  ...Object.fromEntries(['legal-persons', 'natural-persons', 'lists', 'measures', 'objections', 'access-log'].map((s) => [`subgraph-${s}`, `subgraphs/${s}/main.ts`])),
};

/** Each source file's `__dirname`, rewritten to its own folder relative to the output folder (every output sits in OUT). */
const sourceDirname = {
  name: 'source-dirname',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      let contents = await readFile(path, 'utf8');
      if (!path.includes('node_modules') && contents.includes('__dirname')) {
        const fromOut = relative(OUT, dirname(path)).split('\\').join('/');
        contents = contents.replace(/\b__dirname\b/g, `require('node:path').join(__dirname, ${JSON.stringify(fromOut)})`);
      }
      return { contents, loader: 'ts' };
    });
  },
};

/** Newest modification time (ms) of the files the build reads: every .ts under the source folders, this script, the lock file. */
function newestSource() {
  let newest = Math.max(statSync(__filename).mtimeMs, statSync(join(ROOT, 'package-lock.json')).mtimeMs);
  for (const dir of ['gateway', 'subgraphs', 'scripts']) {
    for (const file of readdirSync(join(ROOT, dir), { recursive: true })) {
      if (String(file).endsWith('.ts')) newest = Math.max(newest, statSync(join(ROOT, dir, String(file))).mtimeMs);
    }
  }
  return newest;
}

/** Oldest output, or 0 when one is missing. */
function oldestOutput() {
  try {
    return Math.min(...Object.keys(ENTRIES).map((name) => statSync(join(OUT, `${name}.js`)).mtimeMs));
  } catch {
    return 0;
  }
}

async function main() {
  const started = Date.now();
  // `--if-stale` (npm start): nothing to do when every output is newer than every source file.
  if (process.argv.includes('--if-stale') && oldestOutput() > newestSource()) return;
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(ENTRIES).map(([out, entry]) => ({ in: entry, out })),
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [sourceDirname],
  });
  if (!process.argv.includes('--quiet')) console.log(`built ${relative(ROOT, OUT)}/ (${Object.keys(ENTRIES).length} entry points) in ${Date.now() - started} ms`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
