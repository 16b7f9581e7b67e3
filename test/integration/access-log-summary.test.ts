import type { DataSource } from 'typeorm';
import { accessLog } from '../../subgraphs/access-log';
import { queriesByClientKind, queriesByMonth, queriesByOrg, queriesByPurpose } from '../../subgraphs/access-log/statistics';
import { lastClosedDay, summariseClosedDays } from '../../subgraphs/access-log/summary';
import { insertStatements, logTime, type AccessLogRow } from '../../subgraphs/kit/protocol/access-log-table';
import { QUERY_PURPOSES } from '../../subgraphs/kit/protocol/caller';
import { openDatabase } from '../../subgraphs/kit/server/db';
import { freshDatabase } from '../support/mysql';

// Aggregates kept incrementally (issue 12 item 5): a closed day is summarised once, and a year's query
// statistics from summaries + the live rest are exactly the live counts of every entry.
let db: DataSource;
beforeAll(async () => {
  db = (await openDatabase(accessLog.database, await freshDatabase('access_log_summary'))).dataSource;
});
afterAll(() => db.destroy());

const DAY = 86_400_000;
const year = new Date().getUTCFullYear();
let seq = 0;

function row(at: Date, i: number): AccessLogRow {
  seq++;
  return {
    subjectType: i % 3 === 0 ? 'NATURAL_PERSON' : 'LEGAL_PERSON', subjectId: `S${i % 17}`, at: logTime(at), entryId: seq.toString(16).padStart(16, '0'),
    requestId: `r${seq}`, clientId: 'c', clientKind: (['DEPARTMENT', 'COURT', 'ADMIN'] as const)[i % 3], org: `ORG${i % 5}`, operator: null,
    purpose: QUERY_PURPOSES[i % 4 === 0 ? 2 : i % QUERY_PURPOSES.length], fieldGroups: ['records:read'], operationName: null, operationHash: 'h'.repeat(64),
  };
}

async function insert(rows: AccessLogRow[]): Promise<void> {
  for (const { sql, params } of insertStatements(rows)) await db.query(sql, params);
}

const all = () => Promise.all([
  queriesByPurpose(db, { year }), queriesByPurpose(db, { year }, 'LEGAL_PERSON'), queriesByClientKind(db, { year }), queriesByOrg(db, { year }, 100), queriesByMonth(db, { year }),
]);

test('statistics from daily summaries plus the live rest equal the live counts; each day is summarised once', async () => {
  const now = Date.now();
  // Entries on 40 past days of this year (where there are that many), today, and one past the retention period.
  const rows: AccessLogRow[] = [];
  for (let d = 0; d < 40; d++) for (let i = 0; i < 25; i++) rows.push(row(new Date(now - d * DAY - i * 60_000), d * 25 + i));
  rows.push(row(new Date(now - 6 * 365 * DAY), 1));
  await insert(rows);
  const live = await all();
  expect(live[0].reduce((a, p) => a + p.count, 0)).toBe(rows.filter((r) => r.at.startsWith(String(year)) && r.at >= logTime(new Date(now - 5 * 365 * DAY))).length);

  const days = await summariseClosedDays(db, now);
  expect(days).toBeGreaterThan(0);
  const [{ c }] = await db.query('SELECT COUNT(*) AS c FROM access_log_summary_day WHERE day <= ?', [lastClosedDay(now)]);
  expect(Number(c)).toBe(days);
  expect(await all()).toEqual(live);
  // Once is enough: nothing is summarised twice, and the numbers stay.
  expect(await summariseClosedDays(db, now)).toBe(0);
  expect(await all()).toEqual(live);

  // A new answer today is counted at once (today is always counted live).
  await insert([row(new Date(), 4)]);
  const after = await queriesByPurpose(db, { year });
  const purpose = QUERY_PURPOSES[2];
  expect(after.find((p) => p.purpose === purpose)!.count - live[0].find((p) => p.purpose === purpose)!.count).toBe(1);
});
