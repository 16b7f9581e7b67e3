import { randomUUID } from 'node:crypto';
import { makeUscc } from '../../subgraphs/kit/protocol/codes';
import { legalPersonAt, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import { today } from '../../subgraphs/kit/calendar/clock';
import { startStack, type Stack } from '../support/stack';

// Writes about subjects that do not exist are refused, and one missing subject never erases a page:
// the attacks replayed through the gateway, each checked against what was written.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_writes');
});
afterAll(() => stack.stop());

const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const association = { clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' };
const LIST = `mutation($input: ListSubjectInput!) { listSubject(input: $input) { id } }`;
const FEEDBACK = `mutation($input: MeasureFeedbackInput!) { recordMeasureFeedback(input: $input) { id implementerOrg } }`;
const listing = (subjectType: string, subjectId: string) => ({
  input: { subjectType, subjectId, listType: 'BLACK', domain: 'market-supervision', basis: '《严重违法失信企业名单管理暂行办法》', decidedOn: '2026-06-01', noticeServedOn: '2026-05-20' },
});
const feedback = (listEntryId: string) => ({
  input: { idempotencyKey: randomUUID(), listEntryId, measureId: 'P-ADM-10', outcome: 'APPLIED', businessMatter: '行业自律检查 2026-07', appliedOn: '2026-06-20' },
});
const rows = async (sub: 'lists' | 'measures', sql: string) => Number((await stack.subgraphs[sub].db.query(sql))[0].n);
const entryOf = async (i: number) => (await stack.subgraphs.lists.db.query('SELECT id FROM list_entry WHERE subject_id = ? LIMIT 1', [legalPersonAt(i).uscc]))[0].id as string;

test('listing a valid but unregistered USCC or an unknown NaturalPerson.id is NOT_FOUND at input.subjectId, and writes nothing', async () => {
  const before = await rows('lists', 'SELECT COUNT(*) AS n FROM list_entry');
  const unknownPerson = naturalPersonId(stack.keys.subjectKey, '110101199003070016');
  for (const [type, id] of [['LEGAL_PERSON', makeUscc('9', '1', '310106', 'QA000001')], ['NATURAL_PERSON', unknownPerson]]) {
    const res = await stack.query(LIST, { variables: listing(type, id), ...department });
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: 'input.subjectId', rule: 'SUBJECT_NOT_FOUND', serviceName: 'lists' })]);
  }
  expect(await rows('lists', 'SELECT COUNT(*) AS n FROM list_entry')).toBe(before);
  // A registered company and a registered person are still listed.
  expect((await stack.query(LIST, { variables: listing('LEGAL_PERSON', legalPersonAt(59).uscc), ...department })).data.listSubject.id).toBeTruthy();
  const person = naturalPersonId(stack.keys.subjectKey, naturalPersonAt(9).idNumber);
  expect((await stack.query(LIST, { variables: listing('NATURAL_PERSON', person), ...department })).data.listSubject.id).toBeTruthy();
});

test('an entry whose subject is missing nulls its own subject only, for every caller', async () => {
  // An entry written before writes were checked: its USCC is registered nowhere.
  const ghost = makeUscc('9', '1', '310106', 'QA000002');
  await stack.subgraphs.lists.db.query(
    `INSERT INTO list_entry (id, subject_type, subject_id, list_type, domain, listed_by, jurisdiction, standard, basis, decided_on, period_ends_on, notice_served_on, published, status, created_at)
     VALUES (?, 'LEGAL_PERSON', ?, 'BLACK', 'market-supervision', '11310106MB2F4J01X4', '310106', 'NATIONAL', 'legacy', ?, '2099-01-01', ?, 1, 'ACTIVE', NOW())`,
    [randomUUID(), ghost, today(), today()],
  );
  const PAGE = `{ listEntries(filter: { listType: BLACK }, first: 20) { totalCount edges { node { id subject { __typename ... on LegalPerson { uscc name } } } } } }`;
  for (const caller of [{}, department, { clientId: 'demo-court', purpose: 'JUDICIAL' }]) {
    const res = await stack.query(PAGE, caller);
    const nodes = res.data.listEntries.edges.map((e: { node: { subject: { uscc?: string; name?: string } | null } }) => e.node);
    expect(nodes).toHaveLength(20);
    // Newest first: the ghost entry (decided today) is first; every other company on the page keeps its name.
    expect(nodes[0].subject).toBeNull();
    expect(nodes.slice(1).every((n: { subject: { __typename: string; name?: string } | null }) => n.subject && (n.subject.__typename !== 'LegalPerson' || n.subject.name))).toBe(true);
  }
});

test('feedback on a list entry that does not exist is NOT_FOUND at input.listEntryId, and writes nothing', async () => {
  const before = await rows('measures', 'SELECT COUNT(*) AS n FROM measure_feedback');
  const res = await stack.query(FEEDBACK, { variables: feedback(randomUUID()), ...department });
  expect(res.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: 'input.listEntryId', rule: 'LIST_ENTRY_NOT_FOUND', serviceName: 'measures' })]);
  expect(await rows('measures', 'SELECT COUNT(*) AS n FROM measure_feedback')).toBe(before);
});

test("an association's feedback on a non-member's entry is FORBIDDEN (NOT_A_MEMBER); on a member's entry it is stored", async () => {
  const before = await rows('measures', 'SELECT COUNT(*) AS n FROM measure_feedback');
  const nonMember = await entryOf(0); // the demo subject, not a member
  const refused = await stack.query(FEEDBACK, { variables: feedback(nonMember), ...association });
  expect(refused.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'input.listEntryId', rule: 'NOT_A_MEMBER', serviceName: 'measures' })]);
  expect(await rows('measures', 'SELECT COUNT(*) AS n FROM measure_feedback')).toBe(before);
  const member = await entryOf(5); // member 5 has a KEY_ATTENTION entry
  const stored = await stack.query(FEEDBACK, { variables: feedback(member), ...association });
  expect(stored.errors).toBeUndefined();
  expect(stored.data.recordMeasureFeedback.implementerOrg).toBe('51310000MJ4L8Q035X');
  expect(await rows('measures', 'SELECT COUNT(*) AS n FROM measure_feedback')).toBe(before + 1);
});
