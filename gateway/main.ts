import { loadKeys } from '../subgraphs/kit/protocol/keys';
import { exitOnError } from '../subgraphs/kit/protocol/log';
import { gatewayOptionsFromEnv } from './config';
import { startGateway } from './index';

// Entry point of the gateway process (one process per replica; subgraphs run separately).
async function main(): Promise<void> {
  const gateway = await startGateway(gatewayOptionsFromEnv(await loadKeys()));
  const shutdown = () => gateway.stop().then(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch(exitOnError);
