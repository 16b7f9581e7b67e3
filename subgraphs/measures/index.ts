import { loadSchemaFile, type SubgraphModule } from '../kit/server/subgraph';
import { CatalogueImportEntity, FeedbackEntity, MeasureEntity } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { Init1767225600000 } from './migrations/1767225600000-init';
import { FeedbackInitiator1797000000000 } from './migrations/1797000000000-feedback-initiator';
import { resolvers, rowDecisions } from './resolvers';
import { guardRowFields } from '../kit/server/row-fields';
import { seedDemo } from './seed';

const typeDefs = loadSchemaFile('measures');

export const measures: SubgraphModule<Loaders> = {
  name: 'measures',
  typeDefs,
  resolvers: guardRowFields(typeDefs, resolvers, rowDecisions),
  database: {
    subgraph: 'measures',
    entities: [MeasureEntity, CatalogueImportEntity, FeedbackEntity],
    migrations: [Init1767225600000, FeedbackInitiator1797000000000],
  },
  createLoaders,
  seedDemo,
};
