import { today } from '../../subgraphs/kit/calendar/clock';
import { queryPeriodCutoff } from '../../subgraphs/kit/credit-records/query-period';
import { DEMO_ORGS, DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { lastClosedDay } from '../../subgraphs/access-log/summary';
import { logTime } from '../../subgraphs/kit/protocol/access-log-table';
import { startStack, type Stack } from '../support/stack';

// The platform's numbers (001 data and application chapters; 000 items 18, 29) end to end: each table of
// platformReport comes from the subgraph owning the data; the test counts the same things itself from
// the databases. An association's report is about its members only, on every path, and counts queries
// about them on finished UTC days only, each member's from the day it joined.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_statistics');
}, 180_000);
afterAll(() => stack.stop());

const asAdmin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
const asAssociation = { clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' };
const logYear = new Date().getUTCFullYear();
const thisMonth = new Date().toISOString().slice(0, 7);

const QUERIES = `query Q($year: Int!) { platformReport(year: $year) { year
  queriesByPurpose { purpose count share } legalPersons: queriesByPurpose(subjectType: LEGAL_PERSON) { purpose count share }
  queriesByClientKind { clientKind count } queriesByOrg(first: 50) { org clientKind count } queriesByMonth { month count } } }`;
const FULL = `query R($year: Int!) { platformReport(year: $year) { year
  recordsByCategory { category count } legalPersonRecordsByCategory { category count } naturalPersonRecordsByCategory { category count }
  listEntriesByType { listType count } listEntriesByDomain { domain count } listEntriesByStatus { status count }
  objections { filed closed annotated overdue open } objectionsBySubjectType { subjectType stats { filed closed annotated overdue open } }
  measureImplementation { initiatingDepartment fedBack applied notApplied notApplicable rate }
  doublePublicity { decisions onTime late overdue pending } } }`;
const ASSOCIATION = `query A($year: Int!, $association: String) { associationReport(year: $year, association: $association) {
  association year industry memberCount members { uscc name }
  recordsByCategory { category count } industryMeasuresApplied { measure count } appliedMeasures(first: 10) { id title }
  activeListEntriesByType { listType count }
  queriesByPurpose { purpose count share } queriesByClientKind { clientKind count } queriesByMonth { month count } queriesByMember { uscc count } } }`;
const SUPERVISE = `query Supervise($uscc: USCC!) { legalPerson(uscc: $uscc) { name dishonestRecordCount } }`;

const countOf = <K extends string>(rows: Record<string, any>[], key: string, value: K) => rows.find((r) => r[key] === value)?.count ?? 0;
const sum = (rows: { count: number }[]) => rows.reduce((a, r) => a + r.count, 0);

async function report(query: string, year: number, as = asAdmin, association?: string) {
  const res = await stack.query(query, { variables: { year, association }, ...as });
  expect(res.errors).toBeUndefined();
  return res.data[query.includes('associationReport') ? 'associationReport' : 'platformReport'];
}

async function supervise(uscc: string, purpose: string, times: number) {
  for (let i = 0; i < times; i++) {
    const res = await stack.query(SUPERVISE, { variables: { uscc }, clientId: 'demo-department', purpose });
    expect(res.errors).toBeUndefined();
  }
}

/** Moves the department's log entries about `uscc` written since `since` to `at`: the tests' way of letting days pass. */
async function ageQueries(uscc: string, since: string, at: string): Promise<number> {
  const res = await stack.subgraphs['access-log'].db.query('UPDATE access_log SET at = ? WHERE subject_id = ? AND org = ? AND at >= ?', [at, uscc, DEMO_ORGS.department.org, since]);
  return res.affectedRows;
}

test('N department queries with purpose P raise queriesByPurpose[P] by N, and its kind, org and month by N; shares sum to 100', async () => {
  const before = await report(QUERIES, logYear);
  await supervise(DEMO_SUBJECT.uscc, 'ADMINISTRATIVE_APPROVAL', 3);
  await supervise(DEMO_SUBJECT.uscc, 'DAILY_SUPERVISION', 5);
  const after = await report(QUERIES, logYear);
  const delta = (key: 'queriesByPurpose' | 'legalPersons', purpose: string) => countOf(after[key], 'purpose', purpose) - countOf(before[key], 'purpose', purpose);
  expect(delta('queriesByPurpose', 'ADMINISTRATIVE_APPROVAL')).toBe(3);
  expect(delta('queriesByPurpose', 'DAILY_SUPERVISION')).toBe(5);
  expect(delta('legalPersons', 'DAILY_SUPERVISION')).toBe(5);
  expect(after.queriesByPurpose.map((p: { purpose: string }) => p.purpose)).toHaveLength(11);
  for (const other of after.queriesByPurpose.filter((p: { purpose: string }) => !['ADMINISTRATIVE_APPROVAL', 'DAILY_SUPERVISION'].includes(p.purpose))) {
    expect(other.count).toBe(countOf(before.queriesByPurpose, 'purpose', other.purpose));
  }
  expect(countOf(after.queriesByClientKind, 'clientKind', 'DEPARTMENT') - countOf(before.queriesByClientKind, 'clientKind', 'DEPARTMENT')).toBe(8);
  expect(countOf(after.queriesByOrg, 'org', DEMO_ORGS.department.org) - countOf(before.queriesByOrg, 'org', DEMO_ORGS.department.org)).toBe(8);
  expect(countOf(after.queriesByMonth, 'month', thisMonth) - countOf(before.queriesByMonth, 'month', thisMonth)).toBe(8);
  // Totals agree across the tables; shares are one decimal and sum to exactly 100.
  const total = sum(after.queriesByPurpose);
  for (const t of [after.queriesByClientKind, after.queriesByMonth]) expect(sum(t)).toBe(total);
  expect(Math.round(after.queriesByPurpose.reduce((a: number, p: { share: number }) => a + p.share, 0) * 10)).toBe(1000);
  for (const p of after.queriesByPurpose) expect(Math.abs(p.share - (100 * p.count) / total)).toBeLessThanOrEqual(0.1);
});

test('records, lists and objections equal the counts computed from the seeded databases; totals are the sums of their rows', async () => {
  const now = today();
  const cutoff = queryPeriodCutoff(now);
  for (const year of [2025, 2026]) {
    const r = await report(FULL, year);
    const inYear = (d: string | Date) => String(d instanceof Date ? d.toISOString() : d).startsWith(String(year));
    const counted = (rows: any[]) => {
      const out: Record<string, number> = {};
      for (const row of rows) {
        const endedOn = String(row.behaviour_ended_on ?? row.decided_on).slice(0, 10);
        if (!inYear(row.decided_on) || row.removal !== null || (Number(row.dishonest) === 1 && endedOn < cutoff)) continue;
        out[row.category] = (out[row.category] ?? 0) + 1;
      }
      return out;
    };
    const recordRows = `SELECT category, DATE_FORMAT(decided_on, '%Y-%m-%d') AS decided_on, DATE_FORMAT(behaviour_ended_on, '%Y-%m-%d') AS behaviour_ended_on, dishonest, removal FROM credit_record`;
    const legal = counted(await stack.subgraphs['legal-persons'].db.query(recordRows));
    const natural = counted(await stack.subgraphs['natural-persons'].db.query(recordRows));
    expect(Object.fromEntries(r.legalPersonRecordsByCategory.map((c: any) => [c.category, c.count]).filter(([, n]: [string, number]) => n > 0))).toEqual(legal);
    expect(Object.fromEntries(r.naturalPersonRecordsByCategory.map((c: any) => [c.category, c.count]).filter(([, n]: [string, number]) => n > 0))).toEqual(natural);
    for (const c of r.recordsByCategory) expect(c.count).toBe((legal[c.category] ?? 0) + (natural[c.category] ?? 0));
    expect(r.recordsByCategory).toHaveLength(8);
    if (year === 2026) expect(sum(r.recordsByCategory)).toBeGreaterThan(0);

    const entries: any[] = (await stack.subgraphs.lists.db.query(`SELECT list_type, domain, status, DATE_FORMAT(decided_on, '%Y-%m-%d') AS decided_on, DATE_FORMAT(period_ends_on, '%Y-%m-%d') AS period_ends_on FROM list_entry`)).filter((e: any) => inYear(e.decided_on));
    for (const t of r.listEntriesByType) expect(t.count).toBe(entries.filter((e) => e.list_type === t.listType).length);
    for (const d of r.listEntriesByDomain) expect(d.count).toBe(entries.filter((e) => e.domain === d.domain).length);
    const effective = (e: any) => (['ACTIVE', 'PENDING_NOTICE'].includes(e.status) && e.period_ends_on && e.period_ends_on <= now ? 'EXPIRED' : e.status);
    for (const s of r.listEntriesByStatus) expect(s.count).toBe(entries.filter((e) => effective(e) === s.status).length);
    for (const table of [r.listEntriesByDomain, r.listEntriesByStatus]) expect(sum(table)).toBe(sum(r.listEntriesByType));
    expect(sum(r.listEntriesByType)).toBe(entries.length);

    const objections: any[] = (await stack.subgraphs.objections.db.query(`SELECT subject_type, status, outcome, DATE_FORMAT(filed_on, '%Y-%m-%d') AS filed_on FROM objection`)).filter((o: any) => inYear(o.filed_on));
    expect(r.objections.filed).toBe(objections.length);
    expect(r.objections.closed).toBe(objections.filter((o) => o.status === 'DECIDED').length);
    expect(r.objections.annotated).toBe(objections.filter((o) => o.outcome === 'ANNOTATED').length);
    expect(r.objections.open).toBe(r.objections.filed - r.objections.closed);
    for (const k of ['filed', 'closed', 'annotated', 'overdue', 'open']) expect(r.objectionsBySubjectType.reduce((a: number, s: any) => a + s.stats[k], 0)).toBe(r.objections[k]);
    const d = r.doublePublicity;
    expect(d.onTime + d.late + d.overdue + d.pending).toBe(d.decisions);
    // The same numbers as the double-publicity report over the year, decision by decision.
    const dp = await stack.query(`query($f: String!, $t: String!) { doublePublicityReport(decidedFrom: $f, decidedTo: $t, first: 0) { decisions onTime late overdue pending } }`, { variables: { f: `${year}-01-01`, t: `${year}-12-31` }, ...asAdmin });
    expect(dp.errors).toBeUndefined();
    expect(d).toEqual(dp.data.doublePublicityReport);
  }
});

test('feedback on an entry counts for its initiating department: applied vs fed back', async () => {
  const entries = await stack.query(`{ listEntries(filter: { listType: BLACK, listedBy: "${DEMO_ORGS.department.org}" }, first: 1) { edges { node { id subject { ... on LegalPerson { uscc } } } } } }`, asAdmin);
  const entry = entries.data.listEntries.edges[0].node;
  const measures = await stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { applicableMeasures(purpose: JUDICIAL) { measure { id } listEntry { id } } } }`, { variables: { u: entry.subject.uscc }, clientId: 'demo-court', purpose: 'JUDICIAL' });
  const applicable = measures.data.legalPerson.applicableMeasures.find((m: any) => m.listEntry.id === entry.id) ?? measures.data.legalPerson.applicableMeasures[0];
  const before = await report(FULL, Number(today().slice(0, 4)));
  const feedback = (key: string, outcome: string) => stack.query(`mutation($i: MeasureFeedbackInput!) { recordMeasureFeedback(input: $i) { outcome } }`, {
    variables: { i: { idempotencyKey: key, listEntryId: applicable.listEntry.id, measureId: applicable.measure.id, outcome, businessMatter: '（2026）沪0106执1', appliedOn: today(), reason: outcome === 'NOT_APPLIED' ? '当事人已履行' : undefined } },
    clientId: 'demo-court', purpose: 'JUDICIAL',
  });
  for (const [key, outcome] of [['stat-1', 'APPLIED'], ['stat-2', 'APPLIED'], ['stat-3', 'NOT_APPLIED']]) expect((await feedback(key, outcome)).errors).toBeUndefined();
  const after = await report(FULL, Number(today().slice(0, 4)));
  const row = (r: any) => r.measureImplementation.find((m: any) => m.initiatingDepartment === DEMO_ORGS.department.org) ?? { fedBack: 0, applied: 0, notApplied: 0, notApplicable: 0 };
  expect(row(after).fedBack - row(before).fedBack).toBe(3);
  expect(row(after).applied - row(before).applied).toBe(2);
  expect(row(after).notApplied - row(before).notApplied).toBe(1);
  expect(row(after).fedBack).toBe(row(after).applied + row(after).notApplied + row(after).notApplicable);
});

test('an association reads its own report about its members only; nobody else reads it, and it cannot read the platform report', async () => {
  // Queries count once their UTC day is over: the year of the last finished day (today's on every day but 1 January).
  const closed = lastClosedDay();
  const year = Number(closed.slice(0, 4));
  const members: string[] = (await stack.subgraphs['legal-persons'].db.query('SELECT uscc FROM association_membership WHERE association_org = ? ORDER BY uscc', [DEMO_ORGS.association.org])).map((r: any) => r.uscc);
  expect(members.length).toBeGreaterThanOrEqual(20);
  const member = legalPersonAt(3).uscc;
  expect(members).toContain(member);
  expect(members).not.toContain(DEMO_SUBJECT.uscc);

  const before = await report(ASSOCIATION, year, asAssociation);
  // Three queries about a member count for the association; five about a non-member do not.
  const since = logTime(new Date());
  await supervise(member, 'DAILY_SUPERVISION', 3);
  await supervise(DEMO_SUBJECT.uscc, 'DAILY_SUPERVISION', 5);
  const applied = await stack.query(`mutation($i: IndustryMeasureInput!) { applyIndustryMeasure(input: $i) { id } }`, {
    variables: { i: { idempotencyKey: 'stat-warning', uscc: member, measure: 'WARNING', reason: '未按规定签订旅游合同', decidedOn: today() } }, ...asAssociation,
  });
  expect(applied.errors).toBeUndefined();
  // Not yet: today is not over.
  const sameDay = await report(ASSOCIATION, year, asAssociation);
  for (const table of ['queriesByMember', 'queriesByPurpose', 'queriesByClientKind', 'queriesByMonth']) expect(sameDay[table]).toEqual(before[table]);
  // Once their day is over they count (moved to the last finished day, as if it had passed).
  expect(await ageQueries(member, since, `${closed} 12:00:00.000`)).toBe(3);
  expect(await ageQueries(DEMO_SUBJECT.uscc, since, `${closed} 12:00:00.000`)).toBe(5);
  const after = await report(ASSOCIATION, year, asAssociation);

  expect(after).toMatchObject({ association: DEMO_ORGS.association.org, year, industry: DEMO_ORGS.association.industry, memberCount: members.length });
  expect(after.members.map((m: { uscc: string }) => m.uscc).sort()).toEqual(members);
  expect(after.queriesByMember.map((m: { uscc: string }) => m.uscc).sort()).toEqual(members);
  expect(countOf(after.queriesByMember, 'uscc', member) - countOf(before.queriesByMember, 'uscc', member)).toBe(3);
  expect(countOf(after.queriesByPurpose, 'purpose', 'DAILY_SUPERVISION') - countOf(before.queriesByPurpose, 'purpose', 'DAILY_SUPERVISION')).toBe(3);
  expect(countOf(after.queriesByClientKind, 'clientKind', 'DEPARTMENT') - countOf(before.queriesByClientKind, 'clientKind', 'DEPARTMENT')).toBe(3);
  expect(countOf(after.queriesByMonth, 'month', closed.slice(0, 7)) - countOf(before.queriesByMonth, 'month', closed.slice(0, 7))).toBe(3);
  expect(sum(after.queriesByMember)).toBe(sum(after.queriesByPurpose));
  expect(sum(after.queriesByMonth)).toBe(sum(after.queriesByPurpose));
  if (year === Number(today().slice(0, 4))) {
    expect(countOf(after.industryMeasuresApplied, 'measure', 'WARNING') - countOf(before.industryMeasuresApplied, 'measure', 'WARNING')).toBe(1);
    expect(after.appliedMeasures.map((r: { id: string }) => r.id)).toContain(applied.data.applyIndustryMeasure.id);
  }

  // The members' active entries, counted from the lists database.
  const active: any[] = await stack.subgraphs.lists.db.query(
    `SELECT list_type, COUNT(*) AS n FROM list_entry WHERE subject_id IN (${members.map(() => '?').join(', ')}) AND status = 'ACTIVE' AND (period_ends_on IS NULL OR period_ends_on > ?) GROUP BY list_type`, [...members, today()]);
  for (const t of after.activeListEntriesByType) expect(t.count).toBe(Number(active.find((a) => a.list_type === t.listType)?.n ?? 0));

  // Another association's report is FORBIDDEN; the platform names it; departments and the platform report are out of reach.
  const other = await stack.query(ASSOCIATION, { variables: { year, association: DEMO_ORGS.department.org }, ...asAssociation });
  expect(other.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['FORBIDDEN', 'association']]);
  const byAdmin = await report(ASSOCIATION, year, asAdmin, DEMO_ORGS.association.org);
  expect(byAdmin.memberCount).toBe(members.length);
  // The same finished days for the platform: the association's own read of its report (`after`, which returned the
  // member's non-public warning) is today's, not counted yet.
  const byUscc = (rows: { uscc: string; count: number }[]) => Object.fromEntries(rows.map((m) => [m.uscc, m.count]));
  expect(byUscc(byAdmin.queriesByMember)).toEqual(byUscc(after.queriesByMember));
  const platform = await stack.query(QUERIES, { variables: { year }, ...asAssociation });
  expect(platform.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
  expect(platform.data?.platformReport ?? null).toBeNull();
  const department = await stack.query(ASSOCIATION, { variables: { year }, clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' });
  expect(department.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
});

// Who looked at a member, and why, is non-public (001 Art. 29; access.ts): two reports read around one department
// query must not single out the member queried, the kind of body and the purpose — today is not counted.
test('two association reports around one department query do not reveal whom it queried, who and why', async () => {
  const MEMBER = '91310106W97GQ2NP1W';
  type Report = { queriesByMember: { uscc: string; count: number }[]; queriesByPurpose: { purpose: string; count: number }[]; queriesByClientKind: { clientKind: string; count: number }[] };
  const delta = <T extends { count: number }>(a: T[], b: T[], key: (t: T) => string) =>
    Object.fromEntries(b.map((x) => [key(x), x.count - (a.find((y) => key(y) === key(x))?.count ?? 0)]).filter(([, d]) => d !== 0));
  // Counts only: a read of appliedMeasures would itself be logged about a member and blur the difference.
  const REPORT = `query A($year: Int!) { associationReport(year: $year) { queriesByMember { uscc count } queriesByPurpose { purpose count } queriesByClientKind { clientKind count } } }`;
  const before: Report = await report(REPORT, logYear, asAssociation);
  const q = await stack.query(`{ legalPerson(uscc: "${MEMBER}") { dishonestRecordCount creditRecords { edges { node { title } } } } }`, { clientId: 'demo-department', purpose: 'ADMINISTRATIVE_PENALTY' });
  expect(q.errors).toBeUndefined();
  const after: Report = await report(REPORT, logYear, asAssociation);
  const members = delta(before.queriesByMember, after.queriesByMember, (m) => m.uscc);
  const purposes = delta(before.queriesByPurpose, after.queriesByPurpose, (p) => p.purpose);
  const kinds = delta(before.queriesByClientKind, after.queriesByClientKind, (k) => k.clientKind);
  // Counted live, this was { [MEMBER]: 1 }, { ADMINISTRATIVE_PENALTY: 1 }, { DEPARTMENT: 1 }: the member's own access-log entry.
  const singledOut = members[MEMBER] === 1 && Object.keys(members).length === 1 && purposes.ADMINISTRATIVE_PENALTY === 1 && kinds.DEPARTMENT === 1;
  expect({ members, purposes, kinds, singledOut }).toMatchObject({ singledOut: false });
});

// A company that joins mid-year does not bring its earlier query history to the association.
test('queries about a member count for its association from the UTC day it joined, not before', async () => {
  const year = logYear - 1; // every day of it is over
  const company = legalPersonAt(5).uscc;
  const joined = `${year}-06-10`;
  const membership = (member: boolean) => stack.query(`mutation($a: String!, $u: USCC!, $m: Boolean!, $on: String!) { setAssociationMembership(associationOrg: $a, uscc: $u, member: $m, on: $on) }`,
    { variables: { a: DEMO_ORGS.association.org, u: company, m: member, on: joined }, ...asAdmin });
  expect((await membership(false)).errors).toBeUndefined();
  expect((await membership(true)).errors).toBeUndefined();
  const before = await report(ASSOCIATION, year, asAssociation);
  // One query the last moment before it joined, two the first moment of the day it joined.
  let since = logTime(new Date());
  await supervise(company, 'ADMINISTRATIVE_APPROVAL', 1);
  expect(await ageQueries(company, since, `${year}-06-09 23:59:59.999`)).toBe(1);
  since = logTime(new Date());
  await supervise(company, 'ADMINISTRATIVE_APPROVAL', 2);
  expect(await ageQueries(company, since, `${joined} 00:00:00.000`)).toBe(2);
  const after = await report(ASSOCIATION, year, asAssociation);
  expect(countOf(after.queriesByMember, 'uscc', company) - countOf(before.queriesByMember, 'uscc', company)).toBe(2);
  expect(countOf(after.queriesByPurpose, 'purpose', 'ADMINISTRATIVE_APPROVAL') - countOf(before.queriesByPurpose, 'purpose', 'ADMINISTRATIVE_APPROVAL')).toBe(2);
  expect(countOf(after.queriesByMonth, 'month', `${year}-06`) - countOf(before.queriesByMonth, 'month', `${year}-06`)).toBe(2);
});

test('a year outside 2000–2100 is BAD_USER_INPUT naming year', async () => {
  const res = await stack.query(QUERIES, { variables: { year: 1899 }, ...asAdmin });
  expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.extensions?.rule])).toEqual([['BAD_USER_INPUT', 'year', 'YEAR_RANGE']]);
});
