import { loadSchemaFile, type SubgraphModule } from '../kit/server/subgraph';
import { CatalogueImportEntity, FeedbackEntity, MeasureEntity } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { Init1767225600000 } from './migrations/1767225600000-init';
import { resolvers } from './resolvers';
import { seedDemo } from './seed';

export const measures: SubgraphModule<Loaders> = {
  name: 'measures',
  typeDefs: loadSchemaFile('measures'),
  resolvers,
  database: {
    subgraph: 'measures',
    entities: [MeasureEntity, CatalogueImportEntity, FeedbackEntity],
    migrations: [Init1767225600000],
  },
  createLoaders,
  seedDemo,
};
