import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import type { DataSource } from 'typeorm';
import { accessLog } from '../subgraphs/access-log';
import { queriesByClientKind, queriesByMember, queriesByMonth, queriesByOrg, queriesByPurpose } from '../subgraphs/access-log/statistics';
import { summariseClosedDays } from '../subgraphs/access-log/summary';
import { recordsByCategory } from '../subgraphs/kit/credit-records/category-counts';
import { rebuildTally } from '../subgraphs/kit/credit-records/tally';
import { openDatabase } from '../subgraphs/kit/server/db';
import { legalPersons } from '../subgraphs/legal-persons';
import { memberRecordsByCategory, publicationCounts } from '../subgraphs/legal-persons/statistics';
import { lists } from '../subgraphs/lists';
import { activeMemberEntriesByType, entriesByDomain, entriesByStatus, entriesByType } from '../subgraphs/lists/statistics';
import { measures } from '../subgraphs/measures';
import { measureImplementation } from '../subgraphs/measures/statistics';
import { objections } from '../subgraphs/objections';
import { objectionStatsBySubjectType } from '../subgraphs/objections/statistics';

// Each statistic of platformReport / associationReport timed on large generated tables (issue 12 item 5:
// 100,000 companies, 2,000,000 records, a 10,000,000-row access log), through the subgraphs' own
// functions. Rows are generated inside MySQL by INSERT … SELECT over a digits cross join, once (a
// table of the right size is kept). Usage:
//   tsx scripts/statistics-timing.ts [--server mysql://root@127.0.0.1:3306] [--log-rows 10000000] [--records 2000000]
const program = new Command()
  .option('--server <url>', 'MySQL server', 'mysql://root@127.0.0.1:3306')
  .option('--prefix <name>', 'database name prefix', 'stats_timing')
  .option('--log-rows <n>', 'access-log rows', (v) => Number(v), 10_000_000)
  .option('--records <n>', 'legal-person credit records (20 per company)', (v) => Number(v), 2_000_000)
  .option('--entries <n>', 'list entries', (v) => Number(v), 200_000)
  .option('--feedback <n>', 'measure feedback rows', (v) => Number(v), 200_000)
  .option('--objections <n>', 'objections', (v) => Number(v), 50_000)
  .option('--members <n>', 'members of the timed association', (v) => Number(v), 1_000)
  .option('--no-live', 'skip timing the live counts before the first summaries (minutes on 10⁷ rows)')
  .parse();
const opts = program.opts<{ live: boolean; server: string; prefix: string; logRows: number; records: number; entries: number; feedback: number; objections: number; members: number }>();

const YEAR = new Date().getUTCFullYear();
const TODAY = new Date().toISOString().slice(0, 10);
const ASSOCIATION = '51310000MJ4L8Q035X';
/** Company k's USCC-shaped id (18 characters; the statistics never check it). */
const company = (k: string) => `CONCAT('91310106', LPAD(${k}, 10, '0'))`;

async function digits(db: DataSource): Promise<void> {
  await db.query('CREATE TABLE IF NOT EXISTS gen_digits (d INT PRIMARY KEY)');
  await db.query('INSERT IGNORE INTO gen_digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)');
}

/** The table's secondary indexes, as `ADD [UNIQUE] INDEX name (cols)` clauses. */
async function secondaryIndexes(db: DataSource, table: string): Promise<{ name: string; add: string }[]> {
  const rows: { Key_name: string; Non_unique: number | string; Column_name: string; Seq_in_index: number | string }[] = await db.query(`SHOW INDEX FROM ${table}`);
  const byName = new Map<string, { unique: boolean; cols: string[] }>();
  for (const r of rows.filter((x) => x.Key_name !== 'PRIMARY').sort((a, b) => Number(a.Seq_in_index) - Number(b.Seq_in_index))) {
    const entry = byName.get(r.Key_name) ?? { unique: Number(r.Non_unique) === 0, cols: [] };
    entry.cols.push(r.Column_name);
    byName.set(r.Key_name, entry);
  }
  return [...byName].map(([name, { unique, cols }]) => ({ name, add: `ADD ${unique ? 'UNIQUE ' : ''}INDEX ${name} (${cols.join(', ')})` }));
}

/**
 * Fills `table` with `rows` rows of `select` (over n = 0 … rows−1) unless it already holds exactly that many.
 * Secondary indexes are dropped first and built again after (a sort each, instead of random inserts).
 * Whether it generated rows.
 */
async function fill(db: DataSource, table: string, rows: number, columns: string, select: string): Promise<boolean> {
  const [{ c }] = await db.query(`SELECT COUNT(*) AS c FROM ${table}`);
  if (Number(c) === rows) return false;
  await digits(db);
  await db.query(`TRUNCATE TABLE ${table}`);
  const indexes = await secondaryIndexes(db, table);
  if (indexes.length) await db.query(`ALTER TABLE ${table} ${indexes.map((i) => `DROP INDEX ${i.name}`).join(', ')}`);
  const joins = Array.from({ length: 6 }, (_, i) => `gen_digits d${i}`).join(' CROSS JOIN ');
  const m = Array.from({ length: 6 }, (_, i) => `d${i}.d * ${10 ** i}`).join(' + ');
  const started = performance.now();
  for (let slice = 0; slice * 1_000_000 < rows; slice++) {
    await db.query(`INSERT INTO ${table} (${columns}) SELECT ${select} FROM (SELECT ${slice * 1_000_000} + ${m} AS n FROM ${joins}) AS g WHERE n < ${rows} ORDER BY n`);
  }
  if (indexes.length) await db.query(`ALTER TABLE ${table} ${indexes.map((i) => i.add).join(', ')}`);
  console.log(`generated ${rows.toLocaleString()} ${table} rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

async function time(name: string, run: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  console.log(`${name.padEnd(46)} ${times.map((t) => `${t.toFixed(0).padStart(6)} ms`).join('')}   (cold, warm, warm)`);
}

async function main(): Promise<void> {
  const open = (mod: { database: Parameters<typeof openDatabase>[0] }, name: string) => openDatabase(mod.database, `${opts.server}/${opts.prefix}_${name}`).then((o) => o.dataSource);
  const [log, lp, ls, ms, ob] = await Promise.all([open(accessLog, 'access_log'), open(legalPersons, 'legal_persons'), open(lists, 'lists'), open(measures, 'measures'), open(objections, 'objections')]);
  const PURPOSES = `'ADMINISTRATIVE_APPROVAL','ADMINISTRATIVE_PENALTY','GOVERNMENT_PROCUREMENT','BIDDING','COMMENDATION','FUNDING_SUPPORT','RECRUITMENT_PROMOTION','JUDICIAL','INDUSTRY_SELF_REGULATION','SELF_QUERY'`;
  // 100 entries per subject over the 365 days before now; 87.9 % daily supervision (001); 200 querying units.
  await fill(log, 'access_log', opts.logRows,
    'subject_type, subject_id, at, entry_id, request_id, client_id, client_kind, org, operator, purpose, field_groups, operation_name, operation_hash',
    `IF((n DIV 100) MOD 4 = 3, 'NATURAL_PERSON', 'LEGAL_PERSON'), ${company('n DIV 100')}, NOW(3) - INTERVAL ((n * 7919) MOD 31536000) SECOND,
     LPAD(HEX(n), 16, '0'), CONCAT('req-', n), 'demo-department', ELT(1 + (n DIV 7) MOD 4, 'DEPARTMENT', 'DEPARTMENT', 'COURT', 'ADMIN'),
     CONCAT('11310106MB', LPAD((n DIV 13) MOD 200, 8, '0')), NULL, IF(n MOD 1000 < 879, 'DAILY_SUPERVISION', ELT(1 + n MOD 10, ${PURPOSES})),
     'records:read', 'Batch', REPEAT('a', 64)`);
  // 20 records per company over five years; generated rows bypass the writers, so the tally is counted from them.
  const records = await fill(lp, 'credit_record', opts.records,
    'id, subject_id, category, source_department, title, content, decided_on, is_public, dishonest, decision_kind, penalty_tier, published_on, provider, provider_record_id',
    `LPAD(HEX(n), 36, '0'), ${company('n DIV 20')}, ELT(1 + n MOD 8, 'REGISTRATION','QUALIFICATION','SUPERVISION','JUDGMENT','ENFORCEMENT','CONTRACT_PERFORMANCE','MANAGEMENT','PUBLIC_WELFARE'),
     'x', 't', 'c', DATE('${YEAR - 4}-01-01') + INTERVAL ((n * 37) MOD 1826) DAY, 1, n MOD 5 = 0, ELT(1 + n MOD 3, 'LICENSING', 'PENALTY', 'OTHER'),
     IF(n MOD 3 = 1, 'GENERAL', NULL), DATE('${YEAR - 4}-01-01') + INTERVAL ((n * 37) MOD 1826 + n MOD 12) DAY, CONCAT('P', n MOD 99), CONCAT('r', n)`);
  if (records) {
    const started = performance.now();
    await rebuildTally(lp);
    console.log(`counted the credit_record tally in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await fill(lp, 'association_membership', opts.members, 'association_org, uscc, joined_on', `'${ASSOCIATION}', ${company('n * 96 + 1')}, '2020-01-01'`);
  await fill(ls, 'list_entry', opts.entries,
    'id, subject_type, subject_id, list_type, domain, listed_by, jurisdiction, standard, basis, decided_on, period_ends_on, published, status, created_at',
    `LPAD(HEX(n), 36, '0'), 'LEGAL_PERSON', ${company('n MOD 100000')}, ELT(1 + n MOD 3, 'RED', 'BLACK', 'KEY_ATTENTION'),
     ELT(1 + n MOD 6, 'tax', 'court-enforcement', 'environment', 'market-supervision', 'work-safety', 'food-drug'), CONCAT('11310106MB', LPAD(n MOD 50, 8, '0')), '310106', 'LOCAL', 'b',
     DATE('${YEAR - 4}-01-01') + INTERVAL ((n * 37) MOD 1826) DAY, DATE('${YEAR - 4}-01-01') + INTERVAL ((n * 37) MOD 1826 + 730) DAY, 1, ELT(1 + n MOD 5, 'ACTIVE', 'ACTIVE', 'ACTIVE', 'REMOVED', 'REVOKED'), NOW()`);
  await fill(ms, 'measure_feedback', opts.feedback,
    'id, implementer_org, initiator_org, idempotency_key, list_entry_id, measure_id, outcome, business_matter, applied_on, recorded_at',
    `LPAD(HEX(n), 36, '0'), CONCAT('I', n MOD 300), CONCAT('11310106MB', LPAD(n MOD 50, 8, '0')), CONCAT('k', n), LPAD(HEX(n DIV 3), 36, '0'), 'P-ADM-01',
     ELT(1 + n MOD 4, 'APPLIED', 'APPLIED', 'NOT_APPLIED', 'NOT_APPLICABLE'), 'm', DATE('${YEAR - 4}-01-01') + INTERVAL ((n * 37) MOD 1826) DAY, NOW()`);
  await fill(ob, 'objection', opts.objections,
    'id, target_type, target_id, subject_type, subject_id, filed_by, reason, filed_on, status, outcome, decide_by, decided_on',
    `LPAD(HEX(n), 36, '0'), 'CREDIT_RECORD', LPAD(HEX(n), 36, '0'), IF(n MOD 8 = 0, 'LEGAL_PERSON', 'NATURAL_PERSON'), ${company('n')}, 'x', 'r',
     DATE('${YEAR - 4}-01-01') + INTERVAL ((n * 37) MOD 1826) DAY, IF(n MOD 10 = 0, 'FILED', 'DECIDED'), IF(n MOD 10 = 0, NULL, ELT(1 + n MOD 4, 'CORRECTED', 'REVOKED', 'REJECTED', 'ANNOTATED')),
     DATE('${YEAR - 4}-01-01') + INTERVAL ((n * 37) MOD 1826 + 7) DAY, IF(n MOD 10 = 0, NULL, DATE('${YEAR - 4}-01-01') + INTERVAL ((n * 37) MOD 1826 + n MOD 9) DAY)`);
  for (const db of [log, lp, ls, ms, ob]) for (const t of ['access_log', 'credit_record', 'list_entry', 'measure_feedback', 'objection']) await db.query(`ANALYZE TABLE ${t}`).catch(() => undefined);

  const members: string[] = (await lp.query('SELECT uscc FROM association_membership WHERE association_org = ? ORDER BY uscc', [ASSOCIATION])).map((r: { uscc: string }) => r.uscc);
  console.log(`\nyear ${YEAR}: access log ${opts.logRows.toLocaleString()} rows, ${opts.records.toLocaleString()} records, ${opts.entries.toLocaleString()} list entries, ${opts.feedback.toLocaleString()} feedback, ${opts.objections.toLocaleString()} objections; association of ${members.length} members`);
  const logStatistics = async (label: string) => {
    await time(`queriesByPurpose ${label}`, () => queriesByPurpose(log, { year: YEAR }));
    await time(`queriesByPurpose(LEGAL_PERSON) ${label}`, () => queriesByPurpose(log, { year: YEAR }, 'LEGAL_PERSON'));
    await time(`queriesByClientKind ${label}`, () => queriesByClientKind(log, { year: YEAR }));
    await time(`queriesByOrg(first: 100) ${label}`, () => queriesByOrg(log, { year: YEAR }, 100));
    await time(`queriesByMonth ${label}`, () => queriesByMonth(log, { year: YEAR }));
  };
  const summarised = async () => Number((await log.query('SELECT COUNT(*) AS c FROM access_log_summary_day'))[0].c);
  if ((await summarised()) === 0 && opts.live) await logStatistics('(live count)');
  const started = performance.now();
  const days = await summariseClosedDays(log);
  if (days) console.log(`summarised ${days} closed days in ${((performance.now() - started) / 1000).toFixed(0)} s (${((performance.now() - started) / days).toFixed(0)} ms a day; the subgraph does it hourly in the background)`);
  await logStatistics('(summaries + today live)');
  const memberships = members.map((uscc) => ({ uscc, joinedOn: '2020-01-01' })); // as filled above
  await time('association queriesByPurpose', () => queriesByPurpose(log, { year: YEAR, members: memberships }));
  await time('association queriesByMember', () => queriesByMember(log, YEAR, memberships));
  await time('legalPersonRecordsByCategory', () => recordsByCategory(lp, YEAR, TODAY));
  await time('association recordsByCategory', () => memberRecordsByCategory(lp, { association: ASSOCIATION, year: YEAR }, TODAY));
  await time('doublePublicity', () => publicationCounts(lp, YEAR, TODAY));
  await time('listEntriesByType', () => entriesByType(ls, YEAR));
  await time('listEntriesByDomain', () => entriesByDomain(ls, YEAR));
  await time('listEntriesByStatus', () => entriesByStatus(ls, YEAR, TODAY));
  await time('association activeListEntriesByType', () => activeMemberEntriesByType(ls, members, TODAY));
  await time('measureImplementation', () => measureImplementation(ms, YEAR));
  await time('objections (by subject type)', () => objectionStatsBySubjectType(ob, YEAR, TODAY));
  for (const db of [log, lp, ls, ms, ob]) await db.destroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
