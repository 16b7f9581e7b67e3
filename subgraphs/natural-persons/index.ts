import { CreditRecordEntity } from '../kit/credit-records/entity';
import { loadSchemaFile, type SubgraphModule } from '../kit/server/subgraph';
import { NaturalPersonEntity } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { Init1767225600000 } from './migrations/1767225600000-init';
import { resolvers, rowDecisions } from './resolvers';
import { guardRowFields } from '../kit/server/row-fields';
import { seedDemo } from './seed';

const typeDefs = loadSchemaFile('natural-persons');

export const naturalPersons: SubgraphModule<Loaders> = {
  name: 'natural-persons',
  typeDefs,
  resolvers: guardRowFields(typeDefs, resolvers, rowDecisions),
  database: {
    subgraph: 'natural-persons',
    entities: [NaturalPersonEntity, CreditRecordEntity],
    migrations: [Init1767225600000],
  },
  createLoaders,
  seedDemo,
};
