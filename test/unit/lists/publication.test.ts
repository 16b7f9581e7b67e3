import { DataSource } from 'typeorm';
import { ListEntryEntity, ListEntryEventEntity, type ListEntryRow } from '../../../subgraphs/lists/entities';
import { lists } from '../../../subgraphs/lists';
import { STORED_STATUSES } from '../../../subgraphs/lists/rules/status';
import { isPublished, reachCondition, reaches, type Reach } from '../../../subgraphs/lists/publication';

// A BLACK entry whose notice is not recorded has not taken effect: not published, read by officials only,
// whatever its stored status or `published` choice. An entry that left the list (EXPIRED from the day its
// period ends, REMOVED, REVOKED) is no longer on public display. The SQL condition must pick exactly the rows reaches() does.
let db: DataSource;
const TODAY = '2026-09-01';
const kinds = [['BLACK', null], ['BLACK', '2026-02-20'], ['RED', null], ['KEY_ATTENTION', null]] as const;
const periods = [null, '2026-08-31', TODAY, '2026-09-02'];
const rows: ListEntryRow[] = STORED_STATUSES.flatMap((status, i) =>
  kinds.flatMap(([listType, noticeServedOn], j) => periods.flatMap((periodEndsOn, p) => [true, false].map((published, k) => ({
    id: `00000000-0000-4000-a000-00000000${i}${j}${p}${k}`, subjectType: 'LEGAL_PERSON' as const, subjectId: '91110000600037341L', listType,
    domain: 'tax', listedBy: '11310115MB3H6P05XX', jurisdiction: '310115', standard: 'NATIONAL' as const, basis: 'b', decidedOn: '2026-03-01',
    periodEndsOn, noticeServedOn, published, seriousBehaviour: null, recordIds: null, status, endedOn: null, endReason: null, createdAt: new Date(),
  })))),
);

beforeAll(async () => {
  db = new DataSource({ type: 'sqljs', entities: [ListEntryEntity, ListEntryEventEntity], migrations: lists.database.migrations, migrationsRun: true });
  await db.initialize();
  await db.getRepository(ListEntryEntity).insert(rows);
});
afterAll(() => db.destroy());

test('an entry awaiting its notice is never published, and only reach ALL reads it', () => {
  const pending = rows.find((r) => r.status === 'PENDING_NOTICE' && r.published && !r.periodEndsOn)!;
  expect([isPublished(pending, TODAY), reaches(pending, 'PUBLISHED', TODAY), reaches(pending, 'UNPUBLISHED', TODAY), reaches(pending, 'ALL', TODAY)]).toEqual([false, false, false, true]);
  // Removed before the party was told: it never took effect, so it stays unpublished.
  const endedUntold = rows.find((r) => r.status === 'REMOVED' && r.listType === 'BLACK' && !r.noticeServedOn && r.published)!;
  expect(isPublished(endedUntold, TODAY)).toBe(false);
  const told = rows.find((r) => r.status === 'ACTIVE' && r.listType === 'BLACK' && r.noticeServedOn && r.published && !r.periodEndsOn)!;
  expect(isPublished(told, TODAY)).toBe(true);
});

test('an entry that left the list is not published: repaired or removed, revoked, or its period ended (that day included)', () => {
  const shown = rows.filter((r) => r.published && (r.listType !== 'BLACK' || r.noticeServedOn));
  const published = shown.filter((r) => isPublished(r, TODAY));
  expect(published.length).toBeGreaterThan(0);
  expect(published.every((r) => r.status === 'ACTIVE' && (r.periodEndsOn === null || r.periodEndsOn > TODAY))).toBe(true);
  expect(shown.filter((r) => r.status === 'ACTIVE' && (r.periodEndsOn === null || r.periodEndsOn > TODAY)).every((r) => isPublished(r, TODAY))).toBe(true);
  // The subject and an association for its members (UNPUBLISHED) still read them; the public does not.
  for (const r of shown.filter((x) => x.status === 'REMOVED' || x.status === 'REVOKED' || x.periodEndsOn === TODAY)) {
    expect([r.status, r.periodEndsOn, reaches(r, 'PUBLISHED', TODAY), reaches(r, 'UNPUBLISHED', TODAY)]).toEqual([r.status, r.periodEndsOn, false, true]);
  }
});

test.each(['ALL', 'UNPUBLISHED', 'PUBLISHED'] as Reach[])('reach %s: the SQL condition matches reaches()', async (reach) => {
  const qb = db.getRepository(ListEntryEntity).createQueryBuilder('e');
  const condition = reachCondition('e', reach, TODAY);
  if (condition) qb.where(condition.sql, condition.params);
  const found = (await qb.getMany()).map((r) => r.id).sort();
  expect(found).toEqual(rows.filter((r) => reaches(r, reach, TODAY)).map((r) => r.id).sort());
});
