import { today } from '../../subgraphs/kit/calendar/clock';
import { applyRecordDecision } from '../../subgraphs/kit/credit-records/decision';
import { DEMO_ORGS, DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { lookupEntities } from '../../subgraphs/kit/server/entity-lookup';
import { eventually } from '../support/objections-stack';
import { startStack, type Stack } from '../support/stack';

// 001 Art. 30: dishonesty information is queryable for 5 years from the day the behaviour ended; after that
// it is not provided, used or evaluated. Read by id it is as unknown as on every page: entity references
// answer null, and every write naming it (link persons, withdraw, objection, repair, decision) is
// CREDIT_RECORD_NOT_FOUND and writes nothing — in both person subgraphs.
let stack: Stack;
const ids: Record<string, string> = {};
const dept = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
const provider = DEMO_ORGS.department.org;
const COMPANY = DEMO_SUBJECT.uscc;
const PERSON = DEMO_SUBJECT.legalRepresentativeIdNumber;
const subjects = { legal: ['LEGAL_PERSON', COMPANY, 'legal-persons'], natural: ['NATURAL_PERSON', PERSON, 'natural-persons'] } as const;
type Kind = keyof typeof subjects;
const key = (kind: Kind, when: 'expired' | 'current') => `qp-${kind}-${when}`;
const record = (kind: Kind, when: 'expired' | 'current') => ({
  subjectType: subjects[kind][0], subjectId: subjects[kind][1], category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局',
  title: `过期失信 ${kind} ${when}`, content: '行为已结束', decidedOn: when === 'expired' ? '2019-03-01' : '2025-03-01',
  behaviourEndedOn: when === 'expired' ? '2019-06-01' : '2025-06-01', public: false, dishonest: true, provider, providerRecordId: key(kind, when),
  item: kind === 'legal' ? 'LP-SUPERVISION' : 'NP-SUPERVISION', ...(kind === 'natural' ? { subjectName: '万诺平' } : {}),
});
const stored = (kind: Kind, id: string) => stack.subgraphs[subjects[kind][2]].db.query('SELECT removal, annotation FROM credit_record WHERE id = ?', [id]);
const count = async (sql: string, id: string) => Number((await stack.subgraphs.objections.db.query(sql, [id]))[0].n);
const notFound = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.map((e) => [e.extensions?.code, e.extensions?.rule]);

beforeAll(async () => {
  stack = await startStack('query_period_by_id');
  // A record past its query period is not taken in (PAST_QUERY_PERIOD): the expired ones are submitted on a day
  // they were still inside it, as a provider did years ago, and have expired since.
  const submit = (when: 'expired' | 'current') => stack.query(`mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { results { status rule } } }`, {
    ...dept, variables: { r: (['legal', 'natural'] as const).map((k) => record(k, when)) },
  });
  process.env.CREDIT_TODAY = '2021-01-04';
  const earlier = await submit('expired');
  delete process.env.CREDIT_TODAY;
  const res = await submit('current');
  expect([...earlier.data.submitCreditRecords.results, ...res.data.submitCreditRecords.results].every((r: { status: string }) => r.status === 'ACCEPTED')).toBe(true);
  // A person's records reach natural-persons through the outbox, which gives them their ids there.
  for (const kind of ['legal', 'natural'] as const) for (const when of ['expired', 'current'] as const) {
    const read = () => stack.subgraphs[subjects[kind][2]].db.query('SELECT id FROM credit_record WHERE provider_record_id = ?', [key(kind, when)]);
    ids[`${kind}-${when}`] = (await eventually(read, (rows: { id: string }[]) => rows.length === 1))[0].id;
  }
}, 180_000);
afterAll(() => stack?.stop());

test.each(['legal', 'natural'] as const)('%s person: the entity reference (objections, measures, the gateway) answers null for the expired record only', async (kind) => {
  const rows = await lookupEntities<{ id: string; title: string }>(subjects[kind][2], 'CreditRecord', [ids[`${kind}-expired`], ids[`${kind}-current`]], 'id title', {
    keys: stack.keys, urlOf: (s) => `${stack.subgraphs[s].url}/graphql`, source: 'objections',
  });
  expect(rows).toEqual([null, { id: ids[`${kind}-current`], title: `过期失信 ${kind} current` }]);
});

test('the expired record is outside its subject\'s page', async () => {
  const res = await stack.query(`{ legalPerson(uscc: "${COMPANY}") { creditRecords(first: 100) { edges { node { id } } } } }`, dept);
  const shown = res.data.legalPerson.creditRecords.edges.map((e: { node: { id: string } }) => e.node.id);
  expect(shown).toContain(ids['legal-current']);
  expect(shown).not.toContain(ids['legal-expired']);
});

test('linkRecordPersons naming the expired record is CREDIT_RECORD_NOT_FOUND and links no one', async () => {
  const res = await stack.query(`mutation($id: ID!) { linkRecordPersons(recordId: $id, persons: [{ role: "DIRECTLY_RESPONSIBLE", idNumber: "11010519491231002X", name: "张三" }]) { id title content } }`,
    { ...dept, variables: { id: ids['legal-expired'] } });
  expect(notFound(res)).toEqual([['NOT_FOUND', 'CREDIT_RECORD_NOT_FOUND']]);
  expect(JSON.stringify(res)).not.toContain('过期失信');
  const [{ n }] = await stack.subgraphs['legal-persons'].db.query('SELECT COUNT(*) AS n FROM credit_record_person WHERE record_id = ?', [ids['legal-expired']]);
  expect(Number(n)).toBe(0);
});

test.each(['legal', 'natural'] as const)('%s person: an objection or a repair naming the expired record is CREDIT_RECORD_NOT_FOUND and files nothing', async (kind) => {
  const [type, subjectId] = subjects[kind];
  const id = ids[`${kind}-expired`];
  const filed = await stack.query(`mutation($id: ID!, $t: SubjectType!, $s: ID!) { fileObjection(input: { targetType: CREDIT_RECORD, targetId: $id, reason: "记录有误", subjectType: $t, subjectId: $s }) { id } }`,
    { ...dept, variables: { id, t: type, s: subjectId } });
  expect(notFound(filed)).toEqual([['NOT_FOUND', 'CREDIT_RECORD_NOT_FOUND']]);
  const repair = await stack.query(`mutation($i: RepairApplicationInput!) { applyForRepair(input: $i) { id } }`,
    { ...admin, variables: { i: { creditRecordId: id, subjectType: type, subjectId, evidence: ['PUBLIC_CREDIT_COMMITMENT'] } } });
  expect(notFound(repair)).toEqual([['NOT_FOUND', 'CREDIT_RECORD_NOT_FOUND']]);
  expect(await count('SELECT COUNT(*) AS n FROM objection WHERE target_id = ?', id)).toBe(0);
  expect(await count('SELECT COUNT(*) AS n FROM repair_application WHERE credit_record_id = ?', id)).toBe(0);
});

test.each([
  ['legal', 'withdrawCreditRecord'],
  ['natural', 'withdrawNaturalPersonCreditRecord'],
] as const)('%s person: %s and a delivered decision naming the expired record are CREDIT_RECORD_NOT_FOUND and change nothing', async (kind, mutation) => {
  const id = ids[`${kind}-expired`];
  const res = await stack.query(`mutation($id: ID!) { ${mutation}(id: $id, reason: "复议撤销") }`, { ...dept, variables: { id } });
  expect(notFound(res)).toEqual([['NOT_FOUND', 'CREDIT_RECORD_NOT_FOUND']]);
  await expect(applyRecordDecision(stack.subgraphs[subjects[kind][2]].db, { id, effect: 'ANNOTATED', note: '异议核实', on: today() }))
    .rejects.toMatchObject({ rule: 'CREDIT_RECORD_NOT_FOUND' });
  expect(await stored(kind, id)).toEqual([{ removal: null, annotation: null }]);
});
