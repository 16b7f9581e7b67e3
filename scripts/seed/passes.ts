import type { Connection } from 'mysql2/promise';
import type { EntitySchema } from 'typeorm';
import type { RecordPlan } from '../../subgraphs/kit/demo/bulk-data';
import { CreditRecordEntity } from '../../subgraphs/kit/credit-records/entity';
import { rebuildTally } from '../../subgraphs/kit/credit-records/tally';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { LegalPersonEntity, MembershipEntity, RepresentativeTermEntity } from '../../subgraphs/legal-persons/entities';
import { ListEntryEntity, ListEntryEventEntity } from '../../subgraphs/lists/entities';
import { NaturalPersonEntity } from '../../subgraphs/natural-persons/entities';
import { seedCatalogues } from './catalogues';
import { bulkSession, type Databases } from './databases';
import { seedLegalPersons } from './legal-persons';
import { seedNaturalPersons } from './natural-persons';
import type { Progress } from './progress';
import { TableSink, type SinkStats } from './sink';

// Wires the generator passes to their tables: one mysql2 session per table, so the server works on
// several INSERTs at once while this process generates the next batches.

export interface PassOptions {
  server: string;
  prefix: string;
  dbs: Databases;
  keys: KeyFiles;
  plan: RecordPlan;
  batchSize: number;
  progress: Progress;
}

export async function runPasses(o: PassOptions): Promise<SinkStats[]> {
  const sessions: Connection[] = [];
  const totals = new Map<TableSink<object>, (total: number) => void>();
  const sink = async <Row extends object>(subgraph: string, entity: EntitySchema<Row>, expected: number): Promise<TableSink<Row>> => {
    const conn = await bulkSession(o.server, o.prefix, subgraph);
    sessions.push(conn);
    const ds = o.dbs[subgraph];
    const bar = o.progress.bar(`${ds.driver.database}.${ds.getMetadata(entity).tableName}`, expected);
    const created = await TableSink.open(conn, ds, entity, o.batchSize, bar);
    totals.set(created as TableSink<object>, bar.setTotal);
    return created;
  };
  // Closing builds the real table from the stage; the bar's total becomes what was written.
  const close = (sinks: TableSink<object>[]): Promise<SinkStats[]> =>
    Promise.all(
      sinks.map(async (s) => {
        const stats = await s.close();
        totals.get(s)?.(stats.rows);
        return stats;
      }),
    );
  try {
    const { plan } = o;
    // Expected list entries: one natural person in eight, four companies in five (demo-data.ts).
    const expectedEntries = Math.ceil(plan.naturalPersons / 8 + (plan.legalPersons * 4) / 5);
    const lists = {
      entries: await sink('lists', ListEntryEntity, expectedEntries),
      events: await sink('lists', ListEntryEventEntity, expectedEntries),
      ids: new Set<string>(),
    };
    const natural = {
      people: await sink('natural-persons', NaturalPersonEntity, plan.naturalPersons),
      records: await sink('natural-persons', CreditRecordEntity, plan.natural),
      lists,
    };
    const legal = {
      people: await sink('legal-persons', LegalPersonEntity, plan.legalPersons),
      members: await sink('legal-persons', MembershipEntity, 30),
      terms: await sink('legal-persons', RepresentativeTermEntity, plan.legalPersons),
      records: await sink('legal-persons', CreditRecordEntity, plan.legal),
      lists,
    };
    const createdAt = new Date();
    await seedNaturalPersons(o.keys.subjectKey, plan, natural, createdAt);
    // The server builds the natural-person tables while this process generates the companies.
    const naturalDone = close([natural.people, natural.records]);
    naturalDone.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
    await seedLegalPersons(o.keys.subjectKey, plan, legal, createdAt);
    const rest = await close([legal.people, legal.members, legal.terms, legal.records, lists.entries, lists.events]);
    const naturalStats = await naturalDone;
    // The sinks fill credit_record directly: the statistics' tally is counted once from the rows.
    await Promise.all([rebuildTally(o.dbs['natural-persons']), rebuildTally(o.dbs['legal-persons'])]);
    return [...naturalStats, ...rest, ...(await seedCatalogues(o.dbs, o.keys, plan))];
  } finally {
    for (const conn of sessions) await conn.end();
  }
}
