import './production-mode';
import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import { loadRegistry, withSubjectPseudonyms } from '../../gateway/clients';
import { startGateway } from '../../gateway/index';
import { loadSupergraph } from '../../gateway/supergraph';
import { loadKeys } from '../../subgraphs/kit/protocol/keys';
import { log } from '../../subgraphs/kit/protocol/log';
import { SUBGRAPHS, subgraphUrl } from '../../subgraphs/kit/protocol/topology';
import { useBenchSigning } from './hive-signing';

// One gateway under test, in its own process (started by scripts/bench/processes.ts):
//   BENCH_GATEWAY=ours       our gateway, every plugin but the rate limit (the load would hit it)
//   BENCH_GATEWAY=hive       Hive Gateway (@graphql-hive/gateway-runtime, defaults)
//   BENCH_GATEWAY=hive-rust  Hive Gateway with the Rust query planner (@graphql-hive/router-runtime)
// Subgraph URLs come from <NAME>_URL, the port from PORT; all gateways plan on the same supergraph.
const which = process.env.BENCH_GATEWAY ?? 'ours';
const port = Number(process.env.PORT);

// A clean exit on SIGTERM, so --cpu-prof (BENCH_PROFILE) writes its profile.
process.once('SIGTERM', () => process.exit(0));

async function main(): Promise<void> {
  log.level = process.env.LOG_LEVEL ?? 'error';
  const keys = await loadKeys();
  if (which === 'ours') {
    await startGateway({ port, host: '127.0.0.1', keys, without: ['rate-limit'] });
    return;
  }
  // Hive's runtime hangs more than ten abort listeners on one signal under the bench's concurrency; Node
  // would print a MaxListenersExceededWarning for it all through the run's output.
  setMaxListeners(64);
  const urls = new Map(SUBGRAPHS.map((s) => [s.name as string, subgraphUrl(s.name)]));
  // The same supergraph our gateway plans on, pointed at this run's subgraph ports.
  const supergraph = loadSupergraph().planningSdl.replace(/@join__graph\(name: "([\w-]+)", url: "[^"]*"\)/g, (_m, name: string) => `@join__graph(name: "${name}", url: "${urls.get(name)}")`);
  const byUrl = new Map([...urls].map(([name, url]) => [url, name]));
  const registry = withSubjectPseudonyms(loadRegistry(), keys.subjectKey);
  // Loaded by a computed name: their type declarations widen graphql-js's error types for the whole
  // program (graphql-yoga's module augmentation), which would break the gateway's own typing.
  const load = (name: string) => import(name);
  const { createGatewayRuntime } = await load('@graphql-hive/gateway-runtime');
  const { unifiedGraphHandler } = await load('@graphql-hive/router-runtime');
  const gateway = createGatewayRuntime({
    supergraph,
    logging: process.env.BENCH_DEBUG ? 'error' : false,
    ...(which === 'hive-rust' ? { unifiedGraphHandler } : {}),
    plugins: () => [useBenchSigning({ registry, jwks: keys.demoJwks, signingKey: keys.identityPrivate!, subgraphOf: (url) => byUrl.get(url) ?? url })],
  });
  const server = createServer((req, res) => (req.url === '/health' ? res.end('ok') : gateway(req, res)));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
