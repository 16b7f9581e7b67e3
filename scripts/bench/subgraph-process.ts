import './production-mode';
import { startSubgraph } from '../../subgraphs/kit/server/subgraph';
import { envPrefix } from '../../subgraphs/kit/protocol/topology';
import { log } from '../../subgraphs/kit/protocol/log';
import { ALL_SUBGRAPHS } from '../../subgraphs/modules';

// One subgraph in its own process for the bench (BENCH_SUBGRAPH names it), on the bench's database,
// without demo seeding. Over IPC it records the SQL it runs with the parameters ('sql:start' →
// 'sql:stop' answers the statements), so the bench can replay the same lookups as the SQL floor.
const name = process.env.BENCH_SUBGRAPH!;
const mod = ALL_SUBGRAPHS.find((m) => m.name === name);
if (!mod) throw new Error(`BENCH_SUBGRAPH "${name}" is not a subgraph`);

async function main(): Promise<void> {
  log.level = process.env.LOG_LEVEL ?? 'error';
  const running = await startSubgraph(mod!, { port: Number(process.env[`${envPrefix(name)}_PORT`]), host: '127.0.0.1', seed: false });
  let recording: [string, unknown[] | undefined][] | null = null;
  const logQuery = running.counter.logQuery.bind(running.counter);
  running.counter.logQuery = (query: string, parameters?: unknown[]) => {
    recording?.push([query, parameters]);
    logQuery(query);
  };
  process.on('message', (message) => {
    if (message === 'sql:start') recording = [];
    if (message === 'sql:stop') {
      process.send!({ statements: recording ?? [] });
      recording = null;
    }
  });
  process.once('SIGTERM', () => running.stop().then(() => process.exit(0)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
