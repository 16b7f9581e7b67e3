import { creditPeriods } from '../kit/credit-records/credit-periods';
import { informationCatalogue } from '../kit/credit-records/catalogue';
import { RecordItem1797000000000 } from '../kit/credit-records/migrations/1797000000000-record-item';
import { RecordProviderKey1797300000000 } from '../kit/credit-records/migrations/1797300000000-record-provider-key';
import { RecordClusteredKey1797200000000 } from '../kit/credit-records/migrations/1797200000000-record-clustered-key';
import { RecordTally1797400000000 } from '../kit/credit-records/migrations/1797400000000-record-tally';
import { RecordCorrectedFrom1797600000000 } from '../kit/credit-records/migrations/1797600000000-record-corrected-from';
import { CreditRecordEntity } from '../kit/credit-records/entity';
import { OutboxEntity, startRelay } from '../kit/server/outbox';
import { loadSchemaFile, type SubgraphModule } from '../kit/server/subgraph';
import { ForwardedRecordKeyEntity, LegalPersonEntity, MembershipEntity, RecordPersonEntity, RepresentativeTermEntity } from './entities';
import { ForwardedRecordKey1797700000000 } from './migrations/1797700000000-forwarded-record-key';
import { Registry1797100000000 } from './migrations/1797100000000-registry';
import { gradingPolicy } from './grading';
import { createLoaders, type Loaders } from './loaders';
import { Init1767225600000 } from './migrations/1767225600000-init';
import { RecordEffects1796000000000 } from '../kit/credit-records/migrations/1796000000000-record-effects';
import { RecordChanges1797000000000 } from '../kit/credit-records/migrations/1797000000000-record-changes';
import { RecordChangeEntity } from '../kit/credit-records/changes';
import { StatisticsIndex1797000000000 } from '../kit/credit-records/migrations/1797000000000-statistics-index';
import { OutboxRejected1795400000000 } from '../kit/server/migrations/1795400000000-outbox-rejected';
import { OutboxMediumText1797500000000 } from '../kit/server/migrations/1797500000000-outbox-mediumtext';
import { resolvers, rowDecisions } from './resolvers';
import { guardRowFields } from '../kit/server/row-fields';
import { seedDemo } from './seed';

// Fail at start-up, naming the file, line, key and rule, when the grading policy, the periods or the catalogue are wrong.
gradingPolicy();
creditPeriods();
informationCatalogue();

const typeDefs = loadSchemaFile('legal-persons');

export const legalPersons: SubgraphModule<Loaders> = {
  name: 'legal-persons',
  typeDefs,
  resolvers: guardRowFields(typeDefs, resolvers, rowDecisions),
  database: {
    subgraph: 'legal-persons',
    entities: [LegalPersonEntity, MembershipEntity, CreditRecordEntity, RecordChangeEntity, OutboxEntity, RepresentativeTermEntity, RecordPersonEntity, ForwardedRecordKeyEntity],
    migrations: [Init1767225600000, OutboxRejected1795400000000, RecordEffects1796000000000, RecordChanges1797000000000, StatisticsIndex1797000000000, RecordItem1797000000000, Registry1797100000000, RecordClusteredKey1797200000000, RecordProviderKey1797300000000, RecordTally1797400000000, OutboxMediumText1797500000000, RecordCorrectedFrom1797600000000, ForwardedRecordKey1797700000000],
  },
  createLoaders,
  seedDemo,
  startBackground: (db, keys, urlOf) => startRelay(db, { source: 'legal-persons', keys, urlOf }),
};
