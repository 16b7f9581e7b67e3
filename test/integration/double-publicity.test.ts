import { DEMO_ORGS, DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { legalPersons } from '../../subgraphs/legal-persons';
import { freshDatabase } from '../support/mysql';
import { callSubgraph, testCaller, testKeys } from '../support/subgraph-client';

// Double publicity (000 item 25): decisions published after their 7th working day are reported.
let keys: KeyFiles;
let sub: RunningSubgraph;
beforeAll(async () => {
  keys = await testKeys();
  sub = await startSubgraph(legalPersons, { port: 0, keys, mysqlUrl: await freshDatabase('double_publicity'), seed: false });
  await sub.db.query(`INSERT INTO legal_person (uscc, name, organization_type, registration_authority, admin_division, status) VALUES (?, ?, 'ENTERPRISE', '静安区市场监督管理局', '310106', 'ACTIVE')`, [DEMO_SUBJECT.uscc, DEMO_SUBJECT.name]);
});
afterAll(async () => {
  delete process.env.CREDIT_TODAY;
  await sub.stop();
});

const department = testCaller({ kind: 'DEPARTMENT', org: DEMO_ORGS.department.org });
const SUBMIT = `mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { created } }`;
const REPORT = `query($p: String) { doublePublicityReport(decidedFrom: "2026-03-01", decidedTo: "2026-03-31", provider: $p) {
  decisions onTime late overdue pending missed { record { providerRecordId } timeliness publishBy workingDaysLate } } }`;
const penalty = (id: string) => ({
  subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, category: 'SUPERVISION', sourceDepartment: DEMO_ORGS.department.name, title: '行政处罚决定',
  content: '罚款', decidedOn: '2026-03-02', public: true, dishonest: false, decisionKind: 'PENALTY', penaltyTier: 'GENERAL', provider: DEMO_ORGS.department.org, providerRecordId: id,
  item: 'LP-SUPERVISION',
});

test('publishedOn is what the provider states, not the day the platform receives the record', async () => {
  // Received two weeks after the decision: what counts is when the provider published it.
  process.env.CREDIT_TODAY = '2026-03-25';
  const sent = await callSubgraph(sub.url, 'legal-persons', keys, SUBMIT, {
    r: [{ ...penalty('on-time'), publishedOn: '2026-03-11' }, { ...penalty('late'), publishedOn: '2026-03-13' }, penalty('unpublished')],
  }, department);
  expect(sent.data.submitCreditRecords.created).toBe(3);
  const res = await callSubgraph(sub.url, 'legal-persons', keys, REPORT, {}, department);
  expect(res.errors).toBeUndefined();
  const { missed, ...counts } = res.data.doublePublicityReport;
  expect(counts).toEqual({ decisions: 3, onTime: 1, late: 1, overdue: 1, pending: 0 });
  expect([...missed].sort((a: { timeliness: string }, b: { timeliness: string }) => a.timeliness.localeCompare(b.timeliness))).toEqual([
    { record: { providerRecordId: 'late' }, timeliness: 'LATE', publishBy: '2026-03-11', workingDaysLate: 2 },
    { record: { providerRecordId: 'unpublished' }, timeliness: 'OVERDUE', publishBy: '2026-03-11', workingDaysLate: 10 },
  ]);
});

test('a stated publication date before the decision is rejected, naming the field', async () => {
  const res = await callSubgraph(sub.url, 'legal-persons', keys, `mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { results { status field rule } } }`, {
    r: [{ ...penalty('too-early'), publishedOn: '2026-03-01' }],
  }, department);
  expect(res.data.submitCreditRecords.results).toEqual([{ status: 'REJECTED', field: 'records[0].publishedOn', rule: 'PUBLISHED_BEFORE_DECISION' }]);
});

test('minor penalties and non-public decisions need no publication and are not counted', async () => {
  process.env.CREDIT_TODAY = '2026-03-25';
  await callSubgraph(sub.url, 'legal-persons', keys, SUBMIT, { r: [{ ...penalty('minor'), penaltyTier: 'MINOR' }, { ...penalty('internal'), public: false }] }, department);
  const res = await callSubgraph(sub.url, 'legal-persons', keys, REPORT, {}, department);
  expect(res.data.doublePublicityReport).toMatchObject({ decisions: 3, onTime: 1, late: 1 });
});

test('a providing unit reports on its own decisions only; a bad range names the field', async () => {
  const other = await callSubgraph(sub.url, 'legal-persons', keys, REPORT, { p: DEMO_ORGS.taxBureau.org }, department);
  expect(other.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'provider', rule: 'OWN_DECISIONS_ONLY' });
  const range = await callSubgraph(sub.url, 'legal-persons', keys, `{ doublePublicityReport(decidedFrom: "2026-03-01", decidedTo: "2027-06-01") { decisions } }`, {}, department);
  expect(range.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decidedTo', rule: 'RANGE_TOO_LONG' });
  const agency = await callSubgraph(sub.url, 'legal-persons', keys, REPORT, {}, testCaller({ kind: 'AGENCY' }));
  expect(agency.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
});
