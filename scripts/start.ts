import { startGateway } from '../gateway/index';
import { gatewayOptionsFromEnv } from '../gateway/config';
import { loadKeys } from '../subgraphs/kit/protocol/keys';
import { log } from '../subgraphs/kit/protocol/log';
import { exitOnError } from '../subgraphs/kit/server/main';
import { mysqlUrlFor } from '../subgraphs/kit/server/db';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/server/subgraph';
import { envPrefix, SUBGRAPHS } from '../subgraphs/kit/protocol/topology';
import { DEMO_SUBJECT } from '../subgraphs/kit/demo/demo-data';
import { ALL_SUBGRAPHS } from '../subgraphs/modules';

// npm start: the subgraphs and the gateway in one process, on the embedded database under
// ./data (or on MySQL when DATABASE_URL is set), seeded with the demo data set on first start.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

async function main(): Promise<void> {
  log.level = process.env.LOG_LEVEL ?? 'warn';
  const keys = await loadKeys();
  const running: RunningSubgraph[] = [];
  for (const mod of ALL_SUBGRAPHS) {
    const port = Number(process.env[`${envPrefix(mod.name)}_PORT`] ?? SUBGRAPHS.find((s) => s.name === mod.name)!.port);
    running.push(await startSubgraph(mod, { port, keys }));
  }
  const options = gatewayOptionsFromEnv(keys);
  const gateway = await startGateway(options);
  const url = `http://localhost:${options.port}/graphql`;
  const where = mysqlUrlFor('legal-persons') ? 'MySQL (DATABASE_URL)' : 'the embedded database in ./data';
  console.log(`
Credit platform gateway: ${url}   (GraphiQL: open it in a browser)
Credit report page:      http://localhost:${options.port}/report   (sign in as demo-subject or demo-person)
Subgraphs: ${running.map((s) => `${s.name} ${s.url}`).join(', ')}
Data: ${where} (seeded with the demo data set when it was empty).

Demo clients: demo-department, demo-court, demo-association, demo-agency, demo-admin, demo-subject, demo-person
Get a token:  TOKEN=$(npm run --silent token -- demo-department)
Try:
  curl -s ${url} -H "Authorization: Bearer $TOKEN" -H 'X-Query-Purpose: DAILY_SUPERVISION' \\
    -H 'Content-Type: application/json' \\
    -d '{"query":"{ legalPerson(uscc: \\"${DEMO_SUBJECT.uscc}\\") { name legalRepresentative { name idNumber } creditRecords(first: 3) { totalCount edges { node { title decidedOn dishonest } } } listEntries { listType domain status } applicableMeasures(purpose: DAILY_SUPERVISION) { measure { description mandatory } suspended } objections { status } } }"}'
`);
  const shutdown = async () => {
    await gateway.stop();
    for (const s of running) await s.stop();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch(exitOnError);
