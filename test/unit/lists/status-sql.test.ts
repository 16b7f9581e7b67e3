import { DataSource } from 'typeorm';
import { ListEntryEntity, ListEntryEventEntity, type ListEntryRow } from '../../../subgraphs/lists/entities';
import { lists } from '../../../subgraphs/lists';
import { effectiveStatus, LIST_ENTRY_STATUSES, STORED_STATUSES } from '../../../subgraphs/lists/rules/status';
import { statusCondition } from '../../../subgraphs/lists/status-sql';

// The SQL status filter must give exactly the rows whose computed status matches (rules/status.ts),
// checked on an in-memory sql.js database built by the real migration.
let db: DataSource;
const ends = [null, '2027-02-28', '2027-03-01', '2027-03-02'];
const rows: ListEntryRow[] = STORED_STATUSES.flatMap((status, i) =>
  ends.map((periodEndsOn, j) => ({
    id: `00000000-0000-4000-a000-0000000000${i}${j}`, subjectType: 'LEGAL_PERSON' as const, subjectId: '91110000600037341L', listType: 'BLACK' as const,
    domain: 'tax', listedBy: '11310115MB3H6P05XX', jurisdiction: '310115', standard: 'NATIONAL' as const, basis: 'b', decidedOn: '2026-03-01',
    periodEndsOn, noticeServedOn: null, published: true, seriousBehaviour: null, recordIds: null, status, endedOn: null, endReason: null, createdAt: new Date(),
  })),
);

beforeAll(async () => {
  db = new DataSource({ type: 'sqljs', entities: [ListEntryEntity, ListEntryEventEntity], migrations: lists.database.migrations, migrationsRun: true });
  await db.initialize();
  await db.getRepository(ListEntryEntity).insert(rows);
});
afterAll(() => db.destroy());

test.each(['2027-02-28', '2027-03-01', '2027-03-02'])('on %s every status filter matches the computed status', async (today) => {
  for (const status of LIST_ENTRY_STATUSES) {
    const condition = statusCondition('e', status, today);
    const found = await db.getRepository(ListEntryEntity).createQueryBuilder('e').where(condition.sql, condition.params).getMany();
    const expected = rows.filter((r) => effectiveStatus(r, today) === status).map((r) => r.id);
    expect(found.map((r) => r.id).sort()).toEqual(expected.sort());
  }
});
