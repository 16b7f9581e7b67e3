import { NODE_ENV } from './bench/production-mode';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { log } from '../subgraphs/kit/protocol/log';
import { batchCheckScenario } from './bench/batch-check';
import { filterCostScenario } from './bench/filter-cost';
import { overheadScenario } from './bench/overhead';
import { startBenchStack, type BenchStack } from './bench/stack';

// npm run bench: three scenarios, each reported as a ratio against a baseline measured in the same run
// (the machine is shared, so absolute times drift; they are printed beside the ratios). Everything
// runs in this one process on 127.0.0.1, every loop is bounded in count and time, and a watchdog
// ends the run if it ever takes longer than HARD_LIMIT_MS.
//   NODE_ENV         default production, as the Dockerfile (keys in DATA_DIR are still made if missing)
//   BENCH_ONLY=1,3   run only some scenarios
//   DATABASE_URL     MySQL server holding credit_<name> (default mysql://root@127.0.0.1:3306)
//   BENCH_DATABASE_PREFIX   read <prefix><name> instead of credit_<name>

const HARD_LIMIT_MS = 9 * 60_000;

function selected(): Set<string> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  return new Set(only?.length ? only : ['1', '2', '3']);
}

async function main(): Promise<void> {
  log.level = process.env.LOG_LEVEL ?? 'error';
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${HARD_LIMIT_MS / 60_000} minutes; stopping`);
    process.exit(2);
  }, HARD_LIMIT_MS);
  watchdog.unref();

  const started = performance.now();
  const only = selected();
  console.log(`credit-federation bench — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPUs, NODE_ENV=${NODE_ENV}`);
  console.log('Subgraphs, gateways and the load loop share this one process (one event loop): compare the RATIOS, not the absolute figures.\n');

  let stack: BenchStack | undefined;
  const failures: string[] = [];
  const run = async (id: string, scenario: () => Promise<string>) => {
    if (!only.has(id)) return;
    const t0 = performance.now();
    try {
      console.log(await scenario());
    } catch (e) {
      failures.push(id);
      console.log(`${id}. FAILED: ${(e as Error).stack ?? e}`);
    }
    console.log(`   (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  };
  try {
    await run('2', filterCostScenario);
    if (only.has('1') || only.has('3')) {
      const t0 = performance.now();
      stack = await startBenchStack();
      console.log(`Data: ${stack.dataNote} (subgraphs up in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
      await run('1', () => overheadScenario(stack!));
      await run('3', () => batchCheckScenario(stack!));
    }
  } finally {
    await stack?.stop();
  }
  console.log(`bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s${failures.length ? `; FAILED scenarios: ${failures.join(', ')}` : ''}`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
