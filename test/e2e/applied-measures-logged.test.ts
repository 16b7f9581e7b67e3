import { rowsOfRequest } from '../support/access-log-db';
import { startStack, type Stack } from '../support/stack';

// Every disclosure of non-public data about a subject is written to the access log.
// AssociationReport.appliedMeasures returns a member's credit records — a NOTICE_OF_CRITICISM is a
// non-public record (public: false) — with no subject above them: the record names its own
// (CreditRecord.subject), so reading it there is logged for the member (it had left no row).
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_applied_logged');
}, 180_000);
afterAll(() => stack.stop());

const association = { clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' };

test('an administrator reading a member\'s non-public industry measure through associationReport is logged for that member', async () => {
  const report = await stack.query(`{ associationReport(year: 2026) { association members { uscc } } }`, association);
  const { association: org, members } = report.data.associationReport;
  const member = members[0].uscc as string;
  const applied = await stack.query(`mutation($input: IndustryMeasureInput!) { applyIndustryMeasure(input: $input) { id public } }`, {
    variables: { input: { idempotencyKey: 'hostile-unlogged-1', uscc: member, measure: 'NOTICE_OF_CRITICISM', reason: '行业内通报批评：未按合同提供服务', decidedOn: '2026-11-02' } },
    ...association,
  });
  expect(applied.data.applyIndustryMeasure.public).toBe(false);
  const requestId = 'hostile-admin-reads-applied-measures';
  const read = await stack.query(`query Applied($org: String) { associationReport(year: 2026, association: $org) { appliedMeasures { id title content public } } }`, {
    variables: { org }, clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION', headers: { 'x-request-id': requestId },
  });
  const disclosed = read.data.associationReport.appliedMeasures.find((r: any) => r.id === applied.data.applyIndustryMeasure.id);
  expect(disclosed).toMatchObject({ public: false, content: '行业内通报批评：未按合同提供服务' });
  // The non-public record was disclosed: the member's access log must show it.
  const rows = await rowsOfRequest(requestId);
  expect(rows.map((r) => [r.subject_type, r.subject_id])).toContainEqual(['LEGAL_PERSON', member]);
}, 60_000);
