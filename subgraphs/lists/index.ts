import { loadSchemaFile, type SubgraphModule } from '../kit/server/subgraph';
import { ListEntryEntity, ListEntryEventEntity } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { Init1767225600000 } from './migrations/1767225600000-init';
import { periodPolicy } from './policy';
import { SeriousBehaviour1796000000000 } from './migrations/1796000000000-serious-behaviour';
import { ListingRecords1796100000000 } from './migrations/1796100000000-listing-records';
import { StatisticsIndex1797000000000 } from './migrations/1797000000000-statistics-index';
import { SubjectIdExact1797700000000 } from './migrations/1797700000000-subject-id-exact';
import { resolvers, rowDecisions } from './resolvers';
import { guardRowFields } from '../kit/server/row-fields';
import { seedDemo } from './seed';

// Fail at start-up, naming the file and key, when the listing-period policy is wrong.
periodPolicy();

const typeDefs = loadSchemaFile('lists');

export const lists: SubgraphModule<Loaders> = {
  name: 'lists',
  typeDefs,
  resolvers: guardRowFields(typeDefs, resolvers, rowDecisions),
  database: {
    subgraph: 'lists',
    entities: [ListEntryEntity, ListEntryEventEntity],
    migrations: [Init1767225600000, SeriousBehaviour1796000000000, ListingRecords1796100000000, StatisticsIndex1797000000000, SubjectIdExact1797700000000],
  },
  createLoaders,
  seedDemo,
};
