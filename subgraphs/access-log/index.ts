import { guardRowFields } from '../kit/server/row-fields';
import { loadSchemaFile, type SubgraphModule } from '../kit/server/subgraph';
import { rowDecisions } from './access';
import { createLoaders, type Loaders } from './loaders';
import { Init1796000000000 } from './migrations/1796000000000-init';
import { CreditReport1797000000000 } from './migrations/1797000000000-credit-report';
import { Summary1797000000000 } from './migrations/1797000000000-summary';
import { startSummaries } from './summary';
import { resolvers } from './resolvers';

// The access log's reader: accessLog and creditReport on LegalPerson and NaturalPerson (001 Art. 29). Its database is
// written by the gateway's access-log plugin only (README "Access log": why one database, two roles).
const typeDefs = loadSchemaFile('access-log');

export const accessLog: SubgraphModule<Loaders> = {
  name: 'access-log',
  typeDefs,
  // The row rule (the subject itself and the platform only) on every non-public field.
  resolvers: guardRowFields(typeDefs, resolvers, rowDecisions),
  database: { subgraph: 'access-log', entities: [], migrations: [Init1796000000000, CreditReport1797000000000, Summary1797000000000] },
  createLoaders,
  // Nothing to seed: the log starts empty and fills with real answers.
  seedDemo: async () => undefined,
  // Daily summaries of closed days, so a year's query statistics stay cheap at 10⁷–10⁸ entries (summary.ts).
  startBackground: (db) => startSummaries(db),
};
