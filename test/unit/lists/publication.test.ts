import { DataSource } from 'typeorm';
import { ListEntryEntity, ListEntryEventEntity, type ListEntryRow } from '../../../subgraphs/lists/entities';
import { lists } from '../../../subgraphs/lists';
import { STORED_STATUSES } from '../../../subgraphs/lists/rules/status';
import { isPublished, reachCondition, reaches, type Reach } from '../../../subgraphs/lists/publication';

// A BLACK entry whose notice is not recorded has not taken effect: not published, read by officials only,
// whatever its stored status or `published` choice. The SQL condition must pick exactly the rows reaches() does.
let db: DataSource;
const kinds = [['BLACK', null], ['BLACK', '2026-02-20'], ['RED', null], ['KEY_ATTENTION', null]] as const;
const rows: ListEntryRow[] = STORED_STATUSES.flatMap((status, i) =>
  kinds.flatMap(([listType, noticeServedOn], j) => [true, false].map((published, k) => ({
    id: `00000000-0000-4000-a000-000000000${i}${j}${k}`, subjectType: 'LEGAL_PERSON' as const, subjectId: '91110000600037341L', listType,
    domain: 'tax', listedBy: '11310115MB3H6P05XX', jurisdiction: '310115', standard: 'NATIONAL' as const, basis: 'b', decidedOn: '2026-03-01',
    periodEndsOn: null, noticeServedOn, published, seriousBehaviour: null, recordIds: null, status, endedOn: null, endReason: null, createdAt: new Date(),
  }))),
);

beforeAll(async () => {
  db = new DataSource({ type: 'sqljs', entities: [ListEntryEntity, ListEntryEventEntity], migrations: lists.database.migrations, migrationsRun: true });
  await db.initialize();
  await db.getRepository(ListEntryEntity).insert(rows);
});
afterAll(() => db.destroy());

test('an entry awaiting its notice is never published, and only reach ALL reads it', () => {
  const pending = rows.find((r) => r.status === 'PENDING_NOTICE' && r.published)!;
  expect([isPublished(pending), reaches(pending, 'PUBLISHED'), reaches(pending, 'UNPUBLISHED'), reaches(pending, 'ALL')]).toEqual([false, false, false, true]);
  // Removed before the party was told: it never took effect, so it stays unpublished.
  const endedUntold = rows.find((r) => r.status === 'REMOVED' && r.listType === 'BLACK' && !r.noticeServedOn && r.published)!;
  expect(isPublished(endedUntold)).toBe(false);
  const told = rows.find((r) => r.status === 'ACTIVE' && r.listType === 'BLACK' && r.noticeServedOn && r.published)!;
  expect(isPublished(told)).toBe(true);
});

test.each(['ALL', 'UNPUBLISHED', 'PUBLISHED'] as Reach[])('reach %s: the SQL condition matches reaches()', async (reach) => {
  const qb = db.getRepository(ListEntryEntity).createQueryBuilder('e');
  const condition = reachCondition('e', reach);
  if (condition) qb.where(condition.sql, condition.params);
  const found = (await qb.getMany()).map((r) => r.id).sort();
  expect(found).toEqual(rows.filter((r) => reaches(r, reach)).map((r) => r.id).sort());
});
