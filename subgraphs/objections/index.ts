import { creditPeriods } from '../kit/credit-records/credit-periods';
import { OutboxEntity, startRelay } from '../kit/server/outbox';
import { loadSchemaFile, type SubgraphModule } from '../kit/server/subgraph';
import { workingDayCalendar } from '../kit/calendar/working-days';
import { ObjectionEntity, ObjectionStepEntity, RepairApplicationEntity } from './entities';
import { jurisdictionPolicies } from './jurisdictions';
import { createLoaders, type Loaders } from './loaders';
import { Init1767225600000 } from './migrations/1767225600000-init';
import { ListEntryFacts1780272000000 } from './migrations/1780272000000-list-entry-facts';
import { RecordRepair1796000000000 } from './migrations/1796000000000-record-repair';
import { ObjectionSteps1796100000000 } from './migrations/1796100000000-objection-steps';
import { RepairDeadline1796200000000 } from './migrations/1796200000000-repair-deadline';
import { StatisticsIndex1797000000000 } from './migrations/1797000000000-statistics-index';
import { OutboxRejected1795400000000 } from '../kit/server/migrations/1795400000000-outbox-rejected';
import { OutboxMediumText1797500000000 } from '../kit/server/migrations/1797500000000-outbox-mediumtext';
import { resolvers, rowDecisions } from './resolvers';
import { guardRowFields } from '../kit/server/row-fields';
import { seedDemo } from './seed';

// Configuration is validated when the module loads: a bad holidays.yaml or jurisdictions.yaml stops start-up.
workingDayCalendar();
jurisdictionPolicies();
creditPeriods();

const typeDefs = loadSchemaFile('objections');

export const objections: SubgraphModule<Loaders> = {
  name: 'objections',
  typeDefs,
  resolvers: guardRowFields(typeDefs, resolvers, rowDecisions),
  database: {
    subgraph: 'objections',
    entities: [ObjectionEntity, RepairApplicationEntity, ObjectionStepEntity, OutboxEntity],
    migrations: [Init1767225600000, ListEntryFacts1780272000000, OutboxRejected1795400000000, RecordRepair1796000000000, ObjectionSteps1796100000000, RepairDeadline1796200000000, StatisticsIndex1797000000000, OutboxMediumText1797500000000],
  },
  createLoaders,
  seedDemo,
  startBackground: (db, keys, urlOf) => startRelay(db, { source: 'objections', keys, urlOf }),
};
