import { DEMO_SUBJECT, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// 001 Art. 15, 29: a natural person acting for itself (demo-person, the demo subject's legal
// representative) reads its own data and its access log; any other person is FORBIDDEN.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_person_self');
}, 180_000);
afterAll(() => stack.stop());

const SELF = DEMO_SUBJECT.legalRepresentativeIdNumber;
const OTHER = naturalPersonAt(1).idNumber;
const PERSON = `query Me($idNumber: ResidentIdNumber!) { naturalPerson(idNumber: $idNumber) {
  id name idNumber dishonestRecordCount creditRecords(first: 5) { totalCount edges { node { title } } }
  listEntries(activeOnly: false) { listType status } objections { id status }
  accessLog(first: 10) { totalCount edges { node { clientId org purpose fieldGroups } } } } }`;
const asPerson = (idNumber: string, query = PERSON) => stack.query(query, { variables: { idNumber }, clientId: 'demo-person', purpose: 'SELF_QUERY' });

test('demo-person reads itself: records, list entries, objections, its full id number and its access log', async () => {
  const res = await asPerson(SELF);
  expect(res.errors).toBeUndefined();
  const me = res.data.naturalPerson;
  expect(me.idNumber).toBe(SELF);
  expect(me.id).toMatch(/^np_/);
  expect(typeof me.creditRecords.totalCount).toBe('number');
  expect(Array.isArray(me.listEntries)).toBe(true);
  expect(Array.isArray(me.objections)).toBe(true);
});

test('a department\'s query of the person shows in the person\'s own log', async () => {
  const dept = await stack.query(`query Check($idNumber: ResidentIdNumber!) { naturalPerson(idNumber: $idNumber) { name dishonestRecordCount } }`, {
    variables: { idNumber: SELF }, clientId: 'demo-department', purpose: 'DAILY_SUPERVISION', headers: { 'x-request-id': 'dept-reads-person' },
  });
  expect(dept.errors).toBeUndefined();
  const res = await asPerson(SELF, `query Log($idNumber: ResidentIdNumber!) { naturalPerson(idNumber: $idNumber) { accessLog { edges { node { requestId clientKind purpose fieldGroups } } } } }`);
  expect(res.errors).toBeUndefined();
  const entry = res.data.naturalPerson.accessLog.edges.map((e: any) => e.node).find((n: any) => n.requestId === 'dept-reads-person');
  expect(entry).toEqual({ requestId: 'dept-reads-person', clientKind: 'DEPARTMENT', purpose: 'DAILY_SUPERVISION', fieldGroups: ['records:read', 'subject:read'] });
});

test.each([
  ['another person', `query P($idNumber: ResidentIdNumber!) { naturalPerson(idNumber: $idNumber) { name } }`],
  ['another person\'s records', `query P($idNumber: ResidentIdNumber!) { naturalPerson(idNumber: $idNumber) { creditRecords { totalCount } } }`],
  ['another person\'s access log', `query P($idNumber: ResidentIdNumber!) { naturalPerson(idNumber: $idNumber) { accessLog { totalCount } } }`],
])('%s is FORBIDDEN, with no data', async (_label, query) => {
  const res = await asPerson(OTHER, query);
  expect(res.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
  expect(res.data?.naturalPerson ?? null).toBeNull();
});

test('in a batch, only its own row is answered; a company it represents is another subject', async () => {
  const res = await stack.query(`query B($ids: [ResidentIdNumber!]!) { naturalPersons(idNumbers: $ids) { id name } }`, { variables: { ids: [SELF, OTHER] }, clientId: 'demo-person', purpose: 'SELF_QUERY' });
  expect(res.data.naturalPersons[0].name).toBeTruthy();
  expect(res.data.naturalPersons[1]).toBeNull();
  expect(res.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', 'naturalPersons.1']]);
  const company = await stack.query(`query C($uscc: USCC!) { legalPerson(uscc: $uscc) { creditRecords { totalCount } } }`, { variables: { uscc: DEMO_SUBJECT.uscc }, clientId: 'demo-person', purpose: 'SELF_QUERY' });
  expect(company.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
});

test('reached through a list entry, another person\'s entries are FORBIDDEN too', async () => {
  const self = (await asPerson(SELF, `query I($idNumber: ResidentIdNumber!) { naturalPerson(idNumber: $idNumber) { id } }`)).data.naturalPerson.id;
  const res = await stack.query(`{ listEntries(filter: { subjectType: NATURAL_PERSON }, first: 20) { edges { node { id subject { ... on NaturalPerson { id listEntries { id } } } } } } }`, { clientId: 'demo-person', purpose: 'SELF_QUERY' });
  const forbidden = (res.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
  expect(forbidden.length).toBeGreaterThan(0);
  expect(forbidden.every((e) => e.path?.includes('subject'))).toBe(true);
  const answered = JSON.stringify(res.data ?? {}).match(/np_[\w-]{22}/g) ?? [];
  expect(answered.filter((id) => id !== self)).toEqual([]);
});
