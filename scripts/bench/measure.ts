import { performance } from 'node:perf_hooks';

// Timing helpers shared by the scenarios: a bounded concurrent request loop, percentiles, formatting.

export interface LoadOptions {
  concurrency: number;
  /** Stops after this many requests… */
  requests: number;
  /** …or after this long, whichever comes first. */
  maxMs: number;
}

export interface LoadResult {
  count: number;
  failures: number;
  elapsedMs: number;
  latenciesMs: number[];
  /** CPU time of this process (user + system) during the loop: steadier than wall time on a shared machine. */
  cpuMs: number;
  firstFailure?: string;
}

/** Runs `send(i)` for i = 0, 1, … from `concurrency` workers; a throw counts as a failure. */
export async function runLoad(send: (i: number) => Promise<void>, options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { count: 0, failures: 0, elapsedMs: 0, latenciesMs: [], cpuMs: 0 };
  const cpu = process.cpuUsage();
  const start = performance.now();
  const deadline = start + options.maxMs;
  let next = 0;
  const worker = async () => {
    while (next < options.requests && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await send(i);
        result.latenciesMs.push(performance.now() - t0);
        result.count++;
      } catch (e) {
        result.failures++;
        result.firstFailure ??= (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.elapsedMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  result.cpuMs = (used.user + used.system) / 1000;
  return result;
}

/** Merges rounds of the same subject (interleaved with the baseline's rounds). */
export function mergeLoads(results: LoadResult[]): LoadResult {
  return {
    count: results.reduce((n, r) => n + r.count, 0),
    failures: results.reduce((n, r) => n + r.failures, 0),
    elapsedMs: results.reduce((n, r) => n + r.elapsedMs, 0),
    latenciesMs: results.flatMap((r) => r.latenciesMs),
    cpuMs: results.reduce((n, r) => n + r.cpuMs, 0),
    firstFailure: results.find((r) => r.firstFailure)?.firstFailure,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export function rps(r: LoadResult): number {
  return r.count / (r.elapsedMs / 1000);
}

export function cpuPerRequest(r: LoadResult): number {
  return r.cpuMs / r.count;
}

/** Mean µs per call of `fn`, over at most `maxIterations` calls or `maxMs`, after `warmup` calls. */
export async function microTime(fn: (i: number) => unknown, options: { warmup: number; maxIterations: number; maxMs: number }): Promise<{ usPerOp: number; iterations: number }> {
  for (let i = 0; i < options.warmup; i++) await fn(i);
  const start = performance.now();
  const deadline = start + options.maxMs;
  let n = 0;
  // Check the clock every 50 calls so reading it does not dominate a sub-microsecond path.
  while (n < options.maxIterations && (n % 50 !== 0 || performance.now() < deadline)) await fn(options.warmup + n++);
  return { usPerOp: ((performance.now() - start) * 1000) / n, iterations: n };
}

export const fmt = {
  ms: (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`,
  us: (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} µs`,
  ratio: (v: number) => `${v.toFixed(2)}×`,
  n: (v: number) => v.toLocaleString('en-US'),
};

/** Prints rows as aligned columns. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => '  ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')).join('\n');
}
