import { DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// A client alias that reuses another field's name must not change what the gateway sends to the
// next subgraph (@apollo/gateway builds entity representations from response keys): the cases
// reported in the security issue, each compared with the same query without the alias.
let stack: Stack;
const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const court = { clientId: 'demo-court', purpose: 'JUDICIAL' };
const uscc = DEMO_SUBJECT.uscc;
let courtEntry: string;
let decoy: string;

beforeAll(async () => {
  stack = await startStack('e2e_alias');
  const list = `mutation($input: ListSubjectInput!) { listSubject(input: $input) { id } }`;
  const listing = (subjectId: string, domain: string, basis: string) => ({ input: { subjectType: 'LEGAL_PERSON', subjectId, listType: 'BLACK', domain, basis, decidedOn: '2026-06-01', noticeServedOn: '2026-05-20' } });
  courtEntry = (await stack.query(list, { variables: listing(legalPersonAt(49).uscc, 'court-enforcement', '（2026）沪0106执99号'), ...court })).data.listSubject.id;
  const feedback = `mutation($input: MeasureFeedbackInput!) { recordMeasureFeedback(input: $input) { outcome } }`;
  const input = { idempotencyKey: 'alias-court-feedback', listEntryId: courtEntry, measureId: 'P-MKT-02', outcome: 'APPLIED', businessMatter: 'private matter of the court', appliedOn: '2026-09-17' };
  const recorded = await stack.query(feedback, { variables: { input }, ...department });
  expect(recorded.errors).toBeUndefined();
  // The department's own entry whose `basis` is the court's entry id.
  decoy = legalPersonAt(54).uscc;
  expect((await stack.query(list, { variables: listing(decoy, 'market-supervision', courtEntry), ...department })).errors).toBeUndefined();
  const blackEntry = (await stack.query(`{ legalPerson(uscc: "${uscc}") { listEntries { id listType } } }`, department)).data.legalPerson.listEntries.find((e: { listType: string }) => e.listType === 'BLACK').id;
  const filed = await stack.query(`mutation($id: ID!) { fileObjection(input: { targetType: LIST_ENTRY, targetId: $id, reason: "the basis was annulled" }) { id } }`, { variables: { id: blackEntry }, clientId: 'demo-subject', purpose: 'SELF_QUERY' });
  expect(filed.errors).toBeUndefined();
});
afterAll(() => stack.stop());

test("an alias `id: basis` does not read another department's entry's feedback", async () => {
  const q = (alias: string) => `{ legalPerson(uscc: "${decoy}") { applicableMeasures(purpose: DAILY_SUPERVISION) { listEntry { ${alias} measureFeedback { implementerOrg businessMatter } } } } }`;
  const res = await stack.query(q('id: basis'), department);
  expect(res.errors).toBeUndefined();
  const entries = res.data.legalPerson.applicableMeasures.map((m: { listEntry: unknown }) => m.listEntry);
  expect(entries.length).toBeGreaterThan(0);
  expect(entries).toContainEqual({ id: courtEntry, measureFeedback: [] });
  expect(JSON.stringify(res.data)).not.toContain('private matter');
});

// The last column is what the plain answer holds, so the comparison is not between two empty answers.
test.each([
  ['the list entries of a legal person read by its name', `legalPerson(uscc: "${uscc}") { %s listEntries { id } }`, 'uscc: name', /"listEntries":\[\{"id"/],
  ['suspended flipped through the jurisdiction', `legalPerson(uscc: "${uscc}") { listEntries { %s punishmentSuspension { suspended } } }`, 'jurisdiction: basis', /"suspended":true/],
  ['objections lost through a union', `legalPerson(uscc: "${uscc}") { listEntries { subject { ... on LegalPerson { %s objections { id } } } } }`, 'uscc: name', /"objections":\[\{"id"/],
])('%s: the other fields are unchanged', async (_name, template, alias, holds) => {
  const plain = await stack.query(`{ ${template.replace('%s', '')} }`, court);
  const shadowed = await stack.query(`{ ${template.replace('%s', alias)} }`, court);
  expect(plain.errors).toBeUndefined();
  expect(shadowed.errors).toBeUndefined();
  const [key] = alias.split(':');
  expect(JSON.parse(JSON.stringify(shadowed.data, (k, v) => (k === key ? undefined : v)))).toEqual(plain.data);
  expect(JSON.stringify(plain.data)).toMatch(holds);
});
