import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { cursorKey } from '../../subgraphs/kit/server/cursor';
import { CreditRecordEntity, type CreditRecordRow } from '../../subgraphs/kit/credit-records/entity';
import { dishonestCountLoader, recordConnectionLoader } from '../../subgraphs/kit/credit-records/read';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { isOnPublicDisplay } from '../../subgraphs/kit/credit-records/publication';
import { isQueryable } from '../../subgraphs/kit/credit-records/query-period';
import { Rng } from '../../subgraphs/kit/demo/rng';
import { addDays } from '../../subgraphs/kit/calendar/dates';
import { periodEnd } from '../../subgraphs/kit/calendar/period-end';
import { legalPersons } from '../../subgraphs/legal-persons';
import { freshDatabase } from '../support/mysql';

// The SQL that filters records must say exactly what the plain rule functions say
// (kit/credit-records/publication.ts: double-publicity display windows; kit/credit-records/query-period.ts: 001 Art. 30).
let db: DataSource;
const TODAY = '2026-11-23';
const CURSORS = cursorKey(randomBytes(32));
/** credit-periods.yaml publication maxima: kind, tier, years, months. */
const EDGES: [string, string | null, number, number][] = [['LICENSING', null, 3, 0], ['PENALTY', 'MINOR', 0, 3], ['PENALTY', 'GENERAL', 1, 0], ['PENALTY', 'SERIOUS', 3, 0]];
const rows: CreditRecordRow[] = [];

beforeAll(async () => {
  db = (await openDatabase(legalPersons.database, await freshDatabase('record_rules_sql'))).dataSource;
  const rng = new Rng('record-rules');
  for (let i = 0; i < 400; i++) {
    const decidedOn = addDays(TODAY, -rng.int(0, 365 * 7));
    const decisionKind = rng.pick(['LICENSING', 'PENALTY', 'OTHER']);
    rows.push({
      id: `r-${String(i).padStart(4, '0')}`, subjectId: `S${i % 7}`, category: 'SUPERVISION', sourceDepartment: 'd', title: 't', content: 'c', decisionNumber: null,
      decidedOn, behaviourEndedOn: rng.chance(0.2) ? null : addDays(decidedOn, rng.int(0, 90)), public: rng.chance(0.8), dishonest: rng.chance(0.5), decisionKind,
      penaltyTier: decisionKind === 'PENALTY' ? rng.pick(['MINOR', 'GENERAL', 'SERIOUS']) : null, publishedOn: rng.chance(0.9) ? addDays(decidedOn, rng.int(0, 20)) : null,
      provider: 'p', providerRecordId: String(i), seriousBehaviour: null, annotation: null, removal: rng.chance(0.1) ? 'REVOKED' : null, removedOn: null, item: null, correctedFrom: null, correctedOn: null,
    });
  }
  // Each publication tier and the query period on their boundary days: the last day in, the end day out.
  const boundary = (id: string, decidedOn: string, over: Partial<CreditRecordRow>): CreditRecordRow => ({
    id, subjectId: 'EDGE', category: 'SUPERVISION', sourceDepartment: 'd', title: 't', content: 'c', decisionNumber: null, decidedOn, behaviourEndedOn: decidedOn,
    public: true, dishonest: false, decisionKind: 'PENALTY', penaltyTier: 'GENERAL', publishedOn: decidedOn, provider: 'p', providerRecordId: id,
    seriousBehaviour: null, annotation: null, removal: null, removedOn: null, item: null, correctedFrom: null, correctedOn: null, ...over,
  });
  for (const [kind, tier, years, months] of EDGES) {
    const start = (later: number) => addDays(periodEnd(TODAY, { years: -years, months: -months }), later);
    rows.push(boundary(`in-${tier ?? kind}`, start(1), { decisionKind: kind, penaltyTier: tier }), boundary(`out-${tier ?? kind}`, start(0), { decisionKind: kind, penaltyTier: tier }));
  }
  rows.push(boundary('queryable', addDays(periodEnd(TODAY, { years: -5 }), 1), { dishonest: true, public: false }), boundary('expired', periodEnd(TODAY, { years: -5 }), { dishonest: true, public: false }));
  await db.getRepository(CreditRecordEntity).insert(rows);
});

test('on MariaDB every tier ends on its end day: decided one day later it is still shown; the 5-year period likewise', async () => {
  const pub = await recordConnectionLoader(db, { publicDecisions: true, first: 100 }, CURSORS, TODAY).load('EDGE');
  expect(pub.edges.map((e) => e.node.id).sort()).toEqual(EDGES.map(([kind, tier]) => `in-${tier ?? kind}`).sort());
  expect(await dishonestCountLoader(db, TODAY).load('EDGE')).toBe(1);
  const all = await recordConnectionLoader(db, { dishonestOnly: true }, CURSORS, TODAY).load('EDGE');
  expect(all.edges.map((e) => e.node.id)).toEqual(['queryable']);
});
afterAll(() => db.destroy());

const subjects = Array.from({ length: 7 }, (_, i) => `S${i}`);

test('publicDecisions returns exactly the records isOnPublicDisplay and isQueryable accept', async () => {
  const pages = await recordConnectionLoader(db, { publicDecisions: true, first: 100 }, CURSORS, TODAY).loadMany(subjects);
  const totals = await Promise.all(pages.map((p) => (p instanceof Error ? 0 : p.totalCount())));
  expect(totals.reduce((n, t) => n + t, 0)).toBeGreaterThan(10);
  for (const [i, page] of pages.entries()) {
    if (page instanceof Error) throw page;
    const expected = rows.filter((r) => r.subjectId === subjects[i] && isOnPublicDisplay(r, TODAY) && isQueryable(r, TODAY));
    expect(totals[i]).toBe(expected.length);
    expect(page.edges.map((e) => e.node.id).sort()).toEqual(expected.map((r) => r.id).sort().slice(0, 100));
  }
});

test('the dishonesty count is exactly what isQueryable keeps', async () => {
  const counts = await dishonestCountLoader(db, TODAY).loadMany(subjects);
  expect(counts).toEqual(subjects.map((s) => rows.filter((r) => r.subjectId === s && r.dishonest && isQueryable(r, TODAY)).length));
});
