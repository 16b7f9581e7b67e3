import { startStack, type Stack } from '../support/stack';

// Hostile (001 Art. 30): dishonesty information past its 5-year query period is not provided, used or
// evaluated; a record past it is unknown by id (recordByIdLoader). AssociationReport.appliedMeasures reads
// credit_record by id (statistics.ts appliedMeasures: whereInIds, no isQueryable / cutoff) and
// industryMeasuresApplied counts with no cutoff: a PUBLIC_CENSURE (dishonest) decided in 2020 is still
// answered there with its title and content, and counted.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_h4_applied_period');
}, 180_000);
afterAll(() => stack?.stop());

const association = { clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' };

test('an expired dishonesty measure record is not answered by appliedMeasures nor counted by industryMeasuresApplied', async () => {
  const report = await stack.query(`{ associationReport(year: 2026) { association members { uscc } } }`, association);
  const member = report.data.associationReport.members[0].uscc as string;
  const applied = await stack.query(`mutation($input: IndustryMeasureInput!) { applyIndustryMeasure(input: $input) { id dishonest decidedOn } }`, {
    variables: { input: { idempotencyKey: 'h4-expired-censure', uscc: member, measure: 'PUBLIC_CENSURE', reason: '公开谴责：2020年虚假宣传', decidedOn: '2020-03-02' } },
    ...association,
  });
  expect(applied.errors).toBeUndefined();
  const id = applied.data.applyIndustryMeasure.id as string;
  expect(applied.data.applyIndustryMeasure.dishonest).toBe(true);
  // By id, the record is unknown: past its query period.
  const byId = await stack.subgraphs['legal-persons'].db.query('SELECT COUNT(*) AS n FROM credit_record WHERE id = ?', [id]);
  expect(Number(byId[0].n)).toBe(1);
  const read = await stack.query(`{ associationReport(year: 2020) { appliedMeasures { id title content } industryMeasuresApplied { measure count } } }`, association);
  expect(read.errors).toBeUndefined();
  const ids = read.data.associationReport.appliedMeasures.map((r: { id: string }) => r.id);
  expect(ids).not.toContain(id);
  const censure = read.data.associationReport.industryMeasuresApplied.find((c: { measure: string }) => c.measure === 'PUBLIC_CENSURE');
  expect(censure.count).toBe(0);
}, 90_000);
