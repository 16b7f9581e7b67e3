export { exitOnError } from '../protocol/log';
import { startSubgraph, type SubgraphModule } from './subgraph';
import { envPrefix, SUBGRAPHS } from '../protocol/topology';

/** Entry point of one subgraph process: port from <NAME>_PORT, database from the environment. */
export async function runSubgraph<L>(mod: SubgraphModule<L>): Promise<void> {
  const defaultPort = SUBGRAPHS.find((s) => s.name === mod.name)!.port;
  const running = await startSubgraph(mod, { port: Number(process.env[`${envPrefix(mod.name)}_PORT`] ?? defaultPort) });
  const shutdown = () => running.stop().then(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
