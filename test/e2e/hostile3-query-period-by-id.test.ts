import { DEMO_ORGS, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// Hostile 3: 001 Art. 30 — dishonesty information is queryable for 5 years from the day the behaviour
// ended; after that it is not provided, used or evaluated. Pages and counts filter it (kit/credit-records/read.ts),
// but a record reached by id (recordByIdLoader: linkRecordPersons' answer, entity references) does not.
let stack: Stack;
const subject = legalPersonAt(11).uscc;
const dept = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
let expiredId: string;

beforeAll(async () => {
  stack = await startStack('h3_query_period');
  const res = await stack.query(`mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { results { status id field rule message } } }`, {
    clientId: 'demo-department',
    variables: { r: [{
      subjectType: 'LEGAL_PERSON', subjectId: subject, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局',
      title: '过期失信 hostile3', content: '行为已于2019年结束', decidedOn: '2019-03-01', behaviourEndedOn: '2019-06-01',
      public: false, dishonest: true, provider: DEMO_ORGS.department.org, providerRecordId: 'h3-expired-1', item: 'LP-SUPERVISION',
    }] },
  });
  expect(res.errors).toBeUndefined();
  expiredId = res.data.submitCreditRecords.results[0].id;
  expect(expiredId).toBeTruthy();
}, 180_000);
afterAll(() => stack?.stop());

test('the expired dishonesty record is outside every page of its subject', async () => {
  const res = await stack.query(`{ legalPerson(uscc: "${subject}") { creditRecords(first: 100) { edges { node { id } } } } }`, dept);
  expect(res.data.legalPerson.creditRecords.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(expiredId);
});

test('linkRecordPersons does not hand back a dishonesty record past its 5-year query period', async () => {
  const res = await stack.query(`mutation($id: ID!) { linkRecordPersons(recordId: $id, persons: [{ role: "DIRECTLY_RESPONSIBLE", idNumber: "11010519491231002X", name: "张三" }]) { id title content dishonest } }`,
    { ...dept, variables: { id: expiredId } });
  // Either refused as an unknown record or answered null: never the record's title and content.
  expect(JSON.stringify(res.data ?? null)).not.toContain('过期失信');
});
