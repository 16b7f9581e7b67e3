import { CreditRecordEntity } from '../../subgraphs/kit/credit-records/entity';
import { recordRow } from '../../subgraphs/kit/credit-records/write';
import { DEMO_ORGS } from '../../subgraphs/kit/demo/demo-data';
import { industryMeasureRecord } from '../../subgraphs/legal-persons/association-records';
import { startStack, type Stack } from '../support/stack';

// Dishonesty information past its 5-year query period is not provided, used or evaluated (001 Art. 30),
// in an association's report too: a PUBLIC_CENSURE decided in 2020 (stored while it was in its period,
// as history is imported) is neither answered by appliedMeasures nor counted by industryMeasuresApplied,
// and applying one decided that long ago today is refused PAST_QUERY_PERIOD.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_applied_period');
}, 180_000);
afterAll(() => stack?.stop());

const association = { clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' };
const APPLY = `mutation($input: IndustryMeasureInput!) { applyIndustryMeasure(input: $input) { id } }`;

test('an expired dishonesty measure is not answered or counted, and one decided that long ago is refused', async () => {
  const report = await stack.query(`{ associationReport(year: 2026) { members { uscc } } }`, association);
  const member = report.data.associationReport.members[0].uscc as string;
  const input = { idempotencyKey: 'expired-censure', uscc: member, measure: 'PUBLIC_CENSURE' as const, reason: '公开谴责：2020年虚假宣传', decidedOn: '2020-03-02' };
  const refused = await stack.query(APPLY, { variables: { input }, ...association });
  expect(refused.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.decidedOn', rule: 'PAST_QUERY_PERIOD' })]);

  // Stored in 2020, when it was in its period.
  const row = recordRow(industryMeasureRecord(DEMO_ORGS.association.org, input, '2020-03-10'), member);
  await stack.subgraphs['legal-persons'].db.getRepository(CreditRecordEntity).insert(row);
  const current = await stack.query(APPLY, { variables: { input: { ...input, idempotencyKey: 'current-censure', decidedOn: '2026-03-02' } }, ...association });
  expect(current.errors).toBeUndefined();

  const read = (year: number) => stack.query(`{ associationReport(year: ${year}) { appliedMeasures { id } industryMeasuresApplied { measure count } } }`, association);
  const old = await read(2020);
  expect(old.errors).toBeUndefined();
  expect(old.data.associationReport.appliedMeasures.map((r: { id: string }) => r.id)).not.toContain(row.id);
  expect(old.data.associationReport.industryMeasuresApplied.find((c: { measure: string }) => c.measure === 'PUBLIC_CENSURE').count).toBe(0);
  // The control: this year's is answered and counted.
  const now = await read(2026);
  expect(now.data.associationReport.appliedMeasures.map((r: { id: string }) => r.id)).toContain(current.data.applyIndustryMeasure.id);
  expect(now.data.associationReport.industryMeasuresApplied.find((c: { measure: string }) => c.measure === 'PUBLIC_CENSURE').count).toBeGreaterThanOrEqual(1);
}, 90_000);
