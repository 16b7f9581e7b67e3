import { performance } from 'node:perf_hooks';
import { accessLog } from '../subgraphs/access-log';
import { countLoader, pageLoader } from '../subgraphs/access-log/read';
import { openDatabase } from '../subgraphs/kit/server/db';

// Measures one subject's first access-log page (and its totalCount) on a log of ROWS rows, through the
// access-log subgraph's own loaders. The log is generated in the database by INSERT … SELECT over a
// digits cross join (no row-by-row inserts). Usage:
//   tsx scripts/access-log-page.ts [mysql://root@127.0.0.1:3306/test_access_log_page] [rows=10000000]
const url = process.argv[2] ?? 'mysql://root@127.0.0.1:3306/test_access_log_page10m';
const rows = Number(process.argv[3] ?? 10_000_000);

async function main(): Promise<void> {
  const { dataSource: db } = await openDatabase(accessLog.database, url);
  const [{ n: existing }] = await db.query('SELECT COUNT(*) AS n FROM access_log');
  if (Number(existing) !== rows) {
    await db.query('TRUNCATE TABLE access_log');
    await db.query('CREATE TEMPORARY TABLE digits (d INT PRIMARY KEY)');
    await db.query('INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)');
    // 10^6 numbers from a digits cross join, inserted in slices of a million in primary-key order:
    // subject k = n DIV 100 (100 entries each, one a day back from now), so pages are realistic.
    const joins = Array.from({ length: 6 }, (_, i) => `digits d${i}`).join(' CROSS JOIN ');
    const m = Array.from({ length: 6 }, (_, i) => `d${i}.d * ${10 ** i}`).join(' + ');
    const started = performance.now();
    for (let slice = 0; slice * 1_000_000 < rows; slice++) {
      await db.query(`INSERT INTO access_log SELECT
          'LEGAL_PERSON', CONCAT('S', LPAD(n DIV 100, 8, '0')), NOW(3) - INTERVAL (n MOD 100) DAY, LPAD(HEX(n), 16, '0'),
          CONCAT('req-', n), 'demo-department', 'DEPARTMENT', '11310106MB2F4J01X4', NULL, 'DAILY_SUPERVISION', 'records:read,lists:read', 'Batch', REPEAT('a', 64)
        FROM (SELECT ${slice * 1_000_000} + ${m} AS n FROM ${joins}) AS g WHERE n < ${rows} ORDER BY n`);
    }
    console.log(`generated ${rows.toLocaleString()} rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const since = new Date(Date.now() - 5 * 365 * 86_400_000);
  const subject = { type: 'LEGAL_PERSON' as const, id: `S${String(4242).padStart(8, '0')}` };
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const page = await pageLoader(db, { first: 20, after: null }, since).load(subject);
    const total = await countLoader(db, since).load(subject);
    times.push(performance.now() - started);
    if (i === 0) console.log(`subject ${subject.id}: ${page.entries.length} entries on the first page of ${total}, next page: ${page.hasNextPage}`);
  }
  const [plan] = await db.query(`EXPLAIN SELECT at FROM access_log WHERE subject_type = 'LEGAL_PERSON' AND subject_id = ? AND at >= ? ORDER BY at DESC, entry_id DESC LIMIT 21`, [subject.id, '2000-01-01']);
  console.log(`first page + totalCount on ${rows.toLocaleString()} rows: ${times.map((t) => t.toFixed(1)).join(', ')} ms (cold first); plan: key=${plan.key} rows=${plan.rows} ${plan.Extra}`);
  await db.destroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
