import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../test/support/processes';

// The bench's processes: each server and the load generator is its own node child, so no measured
// server shares an event loop or a CPU account with another. The servers — every gateway, ours and
// Hive's alike, and the subgraphs — run the production build (dist/bench-*.js, compiled once per run by
// scripts/build.js), as `npm start` and the Docker image do; the load generator runs under tsx.
// CPU and memory are read from /proc/<pid> (Linux).
const ROOT = join(__dirname, '..', '..');
const COMPILED: Record<string, string> = { 'gateway-process.ts': 'bench-gateway.js', 'subgraph-process.ts': 'bench-subgraph.js' };
let built = false;

/** node's arguments for a bench entry: its compiled file when the build has one, else the source under tsx. */
function entryArgs(entry: string): string[] {
  const compiled = COMPILED[entry];
  if (!compiled) return ['--import', 'tsx', join(ROOT, 'scripts', 'bench', entry)];
  if (!built) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
  return [join(ROOT, 'dist', compiled)];
}
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

export { freePort };

// Children die with the bench, however it ends (a watchdog exit, Ctrl-C): no orphaned servers.
const children = new Set<ChildProcess>();
process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export interface BenchProcess {
  name: string;
  child: ChildProcess;
  port: number;
  /** user + system CPU time of the process so far, in ms. */
  cpuMs(): number;
  /** Resident set size now, in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

export function cpuMsOf(pid: number): number {
  // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

export function rssMbOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

async function waitFor(url: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts `entry` (a file under scripts/bench) with `env`; waits for GET /health on `port` unless port is 0. */
export async function startProcess(name: string, entry: string, env: Record<string, string>, port: number, nodeFlags: string[] = []): Promise<BenchProcess> {
  const child = spawn(process.execPath, [...nodeFlags, ...entryArgs(entry)], {
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (port) await waitFor(`http://127.0.0.1:${port}/health`, child, 120_000);
  return {
    name,
    child,
    port,
    cpuMs: () => cpuMsOf(child.pid!),
    rssMb: () => rssMbOf(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Sends `message` over IPC and resolves with the child's next message. */
export function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (reply) => resolve(reply as T));
    child.send(message as object);
  });
}
