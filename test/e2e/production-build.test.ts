import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { loadKeys } from '../../subgraphs/kit/protocol/keys';
import { envPrefix, SUBGRAPHS } from '../../subgraphs/kit/protocol/topology';
import { freePort } from '../support/processes';
import { clientToken } from '../support/stack';

// The production build (issue 14 item 3): what `npm start` and the Docker image run is compiled
// JavaScript, started with plain node. A build that breaks — an import esbuild cannot bundle, a file
// read relative to a source folder that the build does not find, a package the image does not
// install — fails here, not in a deployment.
const ROOT = join(__dirname, '..', '..');
const BUILT = join(ROOT, 'test-artifacts', 'dist-production');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.js', '--quiet', '--outdir', BUILT], { cwd: ROOT, stdio: 'inherit' });
}, 60_000);

test('the compiled entry points need only Node built-ins and production dependencies (the image installs --omit=dev)', () => {
  const entries = readdirSync(BUILT).filter((f) => f.endsWith('.js') && !f.startsWith('bench-'));
  expect(entries.sort()).toEqual(['gateway.js', 'measures-import.js', 'start.js', 'token.js', ...SUBGRAPHS.map((s) => `subgraph-${s.name}.js`)].sort());
  const builtins = new Set(builtinModules);
  for (const file of entries) {
    const required = [...readFileSync(join(BUILT, file), 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
    for (const name of required) {
      if (name.startsWith('node:') || builtins.has(name)) continue;
      // The package of a deep import: @scope/name/… or name/…
      const packageName = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0];
      expect({ file, package: packageName, production: packageName in pkg.dependencies }).toEqual({ file, package: packageName, production: true });
    }
  }
});

describe('node dist/start.js (what npm start runs after building)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'production-build-'));
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: dataDir, LOG_LEVEL: 'error' };
  let gatewayUrl: string;
  let token: string;
  beforeAll(async () => {
    env.PORT = String(await freePort());
    gatewayUrl = `http://127.0.0.1:${env.PORT}/graphql`;
    for (const { name } of SUBGRAPHS) {
      const port = await freePort();
      env[`${envPrefix(name)}_PORT`] = String(port);
      env[`${envPrefix(name)}_URL`] = `http://127.0.0.1:${port}/graphql`;
      delete env[`${envPrefix(name)}_DATABASE_URL`];
    }
    delete env.DATABASE_URL; // the embedded database, as on a fresh clone
    token = await clientToken(await loadKeys(join(dataDir, 'keys')), 'demo-department');
  });

  const ask = async () => {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'DAILY_SUPERVISION' },
      body: JSON.stringify({ query: 'query Check($uscc: USCC!) { legalPerson(uscc: $uscc) { name dishonestRecordCount listEntries { listType status } } }', variables: { uscc: DEMO_SUBJECT.uscc } }),
    });
    return (await res.json()) as { data?: { legalPerson: { name: string; dishonestRecordCount: number; listEntries: { listType: string; status: string }[] } }; errors?: unknown[] };
  };

  /** Starts the compiled product; resolves once the gateway answers a query, with the seconds that took. */
  async function start(): Promise<{ child: ChildProcess; seconds: number }> {
    const started = performance.now();
    const child = spawn(process.execPath, [join(BUILT, 'start.js')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    for (;;) {
      if (child.exitCode !== null) throw new Error(`start.js exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
      try {
        if ((await ask()).data) return { child, seconds: (performance.now() - started) / 1000 };
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 60_000) throw new Error('start.js did not answer within 60 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const stop = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));

  test('starts on an empty data folder, then again on the seeded one, answers the demo query, and stops cleanly on SIGTERM', async () => {
    const cold = await start();
    const answer = await ask();
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.legalPerson.listEntries).toContainEqual({ listType: 'BLACK', status: 'ACTIVE' });
    expect(await stop(cold.child)).toBe(0);

    const warm = await start();
    expect((await ask()).data).toEqual(answer.data);
    expect(await stop(warm.child)).toBe(0);
    // A figure, not an assertion: start-up time is a benchmark's business (README "Production build").
    console.log(`compiled start, ready to answer: ${cold.seconds.toFixed(1)} s on an empty data folder, ${warm.seconds.toFixed(1)} s seeded`);
  }, 180_000);
});
