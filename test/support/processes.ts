import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKeys, type KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { envPrefix, SUBGRAPHS, type SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { freshDatabase } from './mysql';
import { clientToken } from './stack';

// The product as separate operating-system processes, each started by its own entry point (the way a
// deployment runs it), so a test can kill one, restart it, or send it SIGTERM.
const ROOT = join(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ProcessFleet {
  keys: KeyFiles;
  gatewayUrl: string;
  token(clientId: string): Promise<string>;
  start(name: SubgraphName | 'gateway'): Promise<void>;
  kill(name: SubgraphName | 'gateway', signal?: NodeJS.Signals): Promise<number | null>;
  stopAll(): Promise<void>;
}

async function waitFor(url: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * `gatewayArgs`: extra node flags for the gateway process only (e.g. --cpu-prof when profiling it).
 * `compiled`: a folder built by scripts/build.js; each process then runs its compiled entry point with
 * plain node (dist/gateway.js, dist/subgraph-<name>.js), as the Docker image does.
 */
export async function startFleet(name: string, extraEnv: Record<string, string> = {}, gatewayArgs: string[] = [], { compiled }: { compiled?: string } = {}): Promise<ProcessFleet> {
  const dataDir = mkdtempSync(join(tmpdir(), `fleet-${name}-`));
  // Keys are created once here, so every process reads the same ones.
  const keys = await loadKeys(join(dataDir, 'keys'));
  const ports: Record<string, number> = { gateway: await freePort() };
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...extraEnv, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', PORT: String(ports.gateway) };
  for (const { name: sub } of SUBGRAPHS) {
    ports[sub] = await freePort();
    env[`${envPrefix(sub)}_PORT`] = String(ports[sub]);
    env[`${envPrefix(sub)}_URL`] = `http://127.0.0.1:${ports[sub]}/graphql`;
    env[`${envPrefix(sub)}_DATABASE_URL`] = await freshDatabase(`${name}_${sub}`);
  }
  const children = new Map<string, ChildProcess>();
  const entry = (which: string) => (which === 'gateway' ? 'gateway/main.ts' : `subgraphs/${which}/main.ts`);
  const compiledEntry = (which: string) => join(compiled!, which === 'gateway' ? 'gateway.js' : `subgraph-${which}.js`);
  const fleet: ProcessFleet = {
    keys,
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    token: (clientId) => clientToken(keys, clientId),
    async start(which) {
      // node itself with tsx's loader (not the tsx wrapper), so a signal reaches the server, not a parent that would orphan it.
      const args = which === 'gateway' ? gatewayArgs : [];
      const child = spawn(process.execPath, [...args, ...(compiled ? [compiledEntry(which)] : ['--import', 'tsx', entry(which)])], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
      children.set(which, child);
      await waitFor(`http://127.0.0.1:${ports[which]}/health`);
    },
    async kill(which, signal = 'SIGKILL') {
      const child = children.get(which);
      if (!child || child.exitCode !== null) return child?.exitCode ?? null;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      children.delete(which);
      return exited;
    },
    async stopAll() {
      await Promise.all([...children.keys()].map((which) => fleet.kill(which as SubgraphName)));
    },
  };
  for (const { name: sub } of SUBGRAPHS) await fleet.start(sub);
  await fleet.start('gateway');
  return fleet;
}
