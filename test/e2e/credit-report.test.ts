import { DEMO_SUBJECT, legalPersonAt, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { callSubgraph, testCaller } from '../support/subgraph-client';
import { reportRows, rowsOfRequest } from '../support/access-log-db';
import { startStack, type Stack } from '../support/stack';

// 001 Art. 29; 003 item 3: a subject's credit report — its identity, records, list entries, measures,
// objections and repairs and its access log — for the subject itself and the platform only; a natural
// person's third and later report in a calendar year is not free. A report is issued when an answer
// carrying it is given (the gateway records it with the answer's access-log entries).
let stack: Stack;
let personId: string;
beforeAll(async () => {
  stack = await startStack('e2e_credit_report');
  const me = await stack.query(`query I($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { id } }`, { variables: { n: DEMO_SUBJECT.legalRepresentativeIdNumber }, clientId: 'demo-person', purpose: 'SELF_QUERY' });
  personId = me.data.naturalPerson.id;
}, 180_000);
afterAll(() => stack.stop());
afterEach(() => {
  delete process.env.CREDIT_TODAY;
});

const REPORT = `id issuedAt year numberThisYear free issuedToSubject queryPeriodFrom queryPeriodTo`;
const COMPANY = `query Report($uscc: USCC!) { legalPerson(uscc: $uscc) { creditReport { ${REPORT} subject { ... on LegalPerson {
  uscc name status
  creditRecords(first: 50) { totalCount edges { node { title sourceDepartment provider dishonest decidedOn annotation changes { on kind fields reason } } } }
  listEntries(activeOnly: false) { listType domain status basis } applicableMeasures(purpose: DAILY_SUPERVISION) { measure { id description } suspended }
  objections { id status outcome } repairApplications { id status } accessLog(first: 5) { totalCount edges { node { org purpose } } } } } } } }`;
const PERSON = `query Report($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { creditReport { ${REPORT} subject { ... on NaturalPerson {
  id name idNumber creditRecords(first: 20) { totalCount } listEntries(activeOnly: false) { listType } objections { id } accessLog(first: 5) { totalCount } } } } } }`;
let seq = 0;
const rid = (label: string) => `${label}-${process.pid}-${++seq}`;
const asCompany = (clientId: string, uscc = DEMO_SUBJECT.uscc, query = COMPANY, requestId = rid('company')) =>
  stack.query(query, { variables: { uscc }, clientId, purpose: clientId === 'demo-department' ? 'DAILY_SUPERVISION' : 'SELF_QUERY', headers: { 'x-request-id': requestId } });
const asPerson = (idNumber = DEMO_SUBJECT.legalRepresentativeIdNumber, query = PERSON) =>
  stack.query(query, { variables: { n: idNumber }, clientId: 'demo-person', purpose: 'SELF_QUERY' });

test('the subject reads its own report: identity, records with their source, entries, measures, objections, access log', async () => {
  const requestId = rid('own');
  const res = await asCompany('demo-subject', DEMO_SUBJECT.uscc, COMPANY, requestId);
  expect(res.errors).toBeUndefined();
  const report = res.data.legalPerson.creditReport;
  expect(report).toMatchObject({ numberThisYear: 1, free: true, issuedToSubject: true, year: Number(report.queryPeriodTo.slice(0, 4)) });
  expect(report.queryPeriodFrom < report.queryPeriodTo).toBe(true);
  const s = report.subject;
  expect(s).toMatchObject({ uscc: DEMO_SUBJECT.uscc, name: DEMO_SUBJECT.name });
  expect(s.creditRecords.totalCount).toBeGreaterThan(0);
  for (const { node } of s.creditRecords.edges) expect(node.sourceDepartment && node.provider && Array.isArray(node.changes)).toBeTruthy();
  expect(s.listEntries.map((e: any) => [e.listType, e.status])).toContainEqual(['BLACK', 'ACTIVE']);
  expect(s.applicableMeasures.length).toBeGreaterThan(0);
  expect(Array.isArray(s.objections) && Array.isArray(s.repairApplications)).toBe(true);
  expect(typeof s.accessLog.totalCount).toBe('number');
  // Issued with the answer, and the answer's disclosure is in the access log.
  expect((await reportRows(DEMO_SUBJECT.uscc)).map((r) => [r.id, r.number_in_year, r.free, r.request_id])).toEqual([[report.id, 1, 1, requestId]]);
  const [entry] = await rowsOfRequest(requestId);
  expect(entry.field_groups.split(',')).toEqual(expect.arrayContaining(['acting_for_self', 'measures:read', 'records:read']));
});

test('read twice in one request (aliases, a batch) it is one report; the next request gets the next number', async () => {
  const before = (await reportRows(DEMO_SUBJECT.uscc)).length;
  const twice = `query Twice($uscc: USCC!) { a: legalPerson(uscc: $uscc) { creditReport { id numberThisYear } again: creditReport { id } }
    b: legalPersons(usccs: [$uscc, $uscc]) { creditReport { id numberThisYear } } }`;
  const res = await asCompany('demo-subject', DEMO_SUBJECT.uscc, twice);
  expect(res.errors).toBeUndefined();
  const ids = [res.data.a.creditReport.id, res.data.a.again.id, ...res.data.b.map((c: any) => c.creditReport.id)];
  expect(new Set(ids).size).toBe(1);
  expect(res.data.a.creditReport.numberThisYear).toBe(before + 1);
  const rows = await reportRows(DEMO_SUBJECT.uscc);
  expect(rows.length).toBe(before + 1);
  const next = await asCompany('demo-subject', DEMO_SUBJECT.uscc, `query N($uscc: USCC!) { legalPerson(uscc: $uscc) { creditReport { numberThisYear free } } }`);
  // A legal person's reports are always free (subgraphs/access-log/rules/free-reports.ts).
  expect(next.data.legalPerson.creditReport).toEqual({ numberThisYear: before + 2, free: true });
});

test('a natural person: 1st and 2nd report of a year free, 3rd and 4th not; a new year starts again', async () => {
  process.env.CREDIT_TODAY = '2031-03-02';
  const got = [];
  for (let i = 0; i < 4; i++) {
    const res = await asPerson();
    expect(res.errors).toBeUndefined();
    const { year, numberThisYear, free, subject } = res.data.naturalPerson.creditReport;
    expect(subject).toMatchObject({ id: personId, idNumber: DEMO_SUBJECT.legalRepresentativeIdNumber });
    got.push([year, numberThisYear, free]);
  }
  process.env.CREDIT_TODAY = '2032-01-01';
  const next = (await asPerson()).data.naturalPerson.creditReport;
  got.push([next.year, next.numberThisYear, next.free]);
  expect(got).toEqual([[2031, 1, true], [2031, 2, true], [2031, 3, false], [2031, 4, false], [2032, 1, true]]);
  expect((await reportRows(personId)).map((r) => [r.year, r.number_in_year, r.free])).toEqual(got.map(([y, n, f]) => [y, n, f ? 1 : 0]));
});

test('two requests racing for the same next number: never one number twice, and only given reports are issued', async () => {
  process.env.CREDIT_TODAY = '2033-06-01';
  const q = `query R($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { creditReport { id numberThisYear } } }`;
  const answers = await Promise.all([asPerson(undefined, q), asPerson(undefined, q), asPerson(undefined, q)]);
  const given = answers.filter((a) => a.data?.naturalPerson).map((a) => a.data.naturalPerson.creditReport);
  for (const a of answers.filter((x) => !x.data?.naturalPerson)) expect(a.errors?.[0].extensions).toMatchObject({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'access-log' });
  expect(given.length).toBeGreaterThan(0);
  expect(new Set(given.map((r) => r.numberThisYear)).size).toBe(given.length);
  const issued = (await reportRows(personId)).filter((r) => r.year === 2033);
  expect(issued.map((r) => r.id).sort()).toEqual(given.map((r) => r.id).sort());
});

test('another subject\'s report is FORBIDDEN with no data, and issues nothing', async () => {
  const cases = [
    await asCompany('demo-subject', legalPersonAt(7).uscc),
    await asPerson(naturalPersonAt(1).idNumber),
    // The company demo-person represents is another subject.
    await stack.query(`query C($uscc: USCC!) { legalPerson(uscc: $uscc) { creditReport { id } } }`, { variables: { uscc: DEMO_SUBJECT.uscc }, clientId: 'demo-person', purpose: 'SELF_QUERY' }),
  ];
  for (const res of cases) {
    expect(res.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(res.data?.legalPerson ?? res.data?.naturalPerson ?? null).toBeNull();
  }
  expect(await reportRows(legalPersonAt(7).uscc)).toEqual([]);
});

test('a department has no such field, at the gateway or the subgraph; on the subgraph, another subject is FORBIDDEN', async () => {
  const before = (await reportRows(DEMO_SUBJECT.uscc)).length;
  const dept = await asCompany('demo-department', DEMO_SUBJECT.uscc, `query D($uscc: USCC!) { legalPerson(uscc: $uscc) { name creditReport { id } } }`);
  expect(dept.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
  expect(dept.data?.legalPerson?.creditReport ?? null).toBeNull();
  // Straight to the subgraph, past the gateway: the same directive, then the row rule on every entity path.
  const direct = (caller: ReturnType<typeof testCaller>) => callSubgraph(stack.subgraphs['access-log'].url, 'access-log', stack.keys,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalPerson { creditReport { id } } ... on NaturalPerson { creditReport { id } } } }`,
    { r: [{ __typename: 'LegalPerson', uscc: DEMO_SUBJECT.uscc }, { __typename: 'NaturalPerson', id: personId }] }, caller);
  const codes = async (caller: ReturnType<typeof testCaller>) => ((await direct(caller)).errors ?? []).map((e) => [e.extensions?.code, e.path?.join('.')]);
  expect(await codes(testCaller({ kind: 'DEPARTMENT', clientId: 'demo-department' }))).toEqual([
    ['UNAUTHORIZED_FIELD_OR_TYPE', '_entities.0.creditReport'], ['UNAUTHORIZED_FIELD_OR_TYPE', '_entities.1.creditReport']]);
  expect(await codes(testCaller({ kind: 'SUBJECT', clientId: 'demo-subject', purpose: 'SELF_QUERY', subject: { type: 'LEGAL_PERSON', id: legalPersonAt(7).uscc } }))).toEqual([
    ['FORBIDDEN', '_entities.0.creditReport'], ['FORBIDDEN', '_entities.1.creditReport']]);
  expect((await reportRows(DEMO_SUBJECT.uscc)).length).toBe(before);
});

test('an administrator reads any subject\'s report; it is logged, and uses none of the subject\'s free reports', async () => {
  const before = await reportRows(personId);
  const requestId = rid('admin');
  const res = await stack.query(PERSON, { variables: { n: DEMO_SUBJECT.legalRepresentativeIdNumber }, clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION', headers: { 'x-request-id': requestId } });
  expect(res.errors).toBeUndefined();
  const report = res.data.naturalPerson.creditReport;
  expect(report).toMatchObject({ issuedToSubject: false, free: true });
  expect(report.numberThisYear).toBe(before.filter((r) => r.year === report.year).length);
  expect(report.subject.name).toBeTruthy();
  expect(await reportRows(personId)).toEqual(before);
  expect((await rowsOfRequest(requestId)).map((r) => r.subject_id)).toContain(personId);
  const other = await asCompany('demo-admin', legalPersonAt(7).uscc, `query O($uscc: USCC!) { legalPerson(uscc: $uscc) { creditReport { subject { ... on LegalPerson { name } } } } }`);
  expect(other.errors).toBeUndefined();
  expect(other.data.legalPerson.creditReport.subject.name).toBe(legalPersonAt(7).name);
});
