import { associationOf, industryMeasureRecord, redListRecommendationRecord, type IndustryMeasureInput } from '../../../subgraphs/legal-persons/association-records';
import { INDUSTRY_MEASURES, MEASURE_RECORDS } from '../../../subgraphs/legal-persons/rules/industry-measures';
import { testCaller } from '../../support/subgraph-client';

// 000 item 18; 001 Art. 22: what an association's measure or recommendation becomes, and its input rules.
const ORG = '51310000MJ4L8Q035X';
const TODAY = '2026-09-01';
const input = (over: Partial<IndustryMeasureInput> = {}): IndustryMeasureInput => ({
  idempotencyKey: 'k-1', uscc: '91110000600037341L', measure: 'PUBLIC_CENSURE', reason: '虚假宣传，扰乱行业秩序', decidedOn: '2026-08-20', ...over,
});
const ruleOf = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (e) {
    return { field: (e as { field: string }).field, rule: (e as { rule: string }).rule, code: (e as { code: string }).code };
  }
};

describe('industry measures', () => {
  test('the three severe measures are dishonesty information, the two in-industry ones are not', () => {
    expect(INDUSTRY_MEASURES.filter((m) => MEASURE_RECORDS[m].dishonest)).toEqual(['PUBLIC_CENSURE', 'REFUSAL_OF_ADMISSION', 'PERSUASION_TO_QUIT']);
    expect(INDUSTRY_MEASURES.filter((m) => MEASURE_RECORDS[m].public)).toEqual(['PUBLIC_CENSURE']);
  });

  test('a measure becomes a MANAGEMENT record provided by the association, keyed by the idempotency key', () => {
    expect(industryMeasureRecord(ORG, input({ decisionNumber: ' 沪旅协〔2026〕3号 ' }), TODAY)).toMatchObject({
      subjectId: '91110000600037341L', category: 'MANAGEMENT', title: '行业协会自律惩戒：公开谴责', content: '虚假宣传，扰乱行业秩序', dishonest: true, public: true,
      decisionKind: 'OTHER', penaltyTier: null, decisionNumber: '沪旅协〔2026〕3号', provider: ORG, sourceDepartment: ORG, providerRecordId: 'industry-measure:k-1',
    });
    expect(industryMeasureRecord(ORG, input({ measure: 'WARNING' }), TODAY)).toMatchObject({ dishonest: false, public: false, decisionNumber: null });
  });

  test('a red-list recommendation is a non-dishonest record in its own key namespace', () => {
    expect(redListRecommendationRecord(ORG, { idempotencyKey: 'k-1', uscc: input().uscc, reason: '连续五年无投诉', decidedOn: TODAY }, TODAY)).toMatchObject({
      category: 'MANAGEMENT', dishonest: false, public: false, providerRecordId: 'red-list-recommendation:k-1',
    });
  });

  test('bad input names the field and the rule', () => {
    expect(ruleOf(() => industryMeasureRecord(ORG, input({ reason: '  ' }), TODAY))).toMatchObject({ field: 'input.reason', rule: 'REQUIRED' });
    expect(ruleOf(() => industryMeasureRecord(ORG, input({ idempotencyKey: 'x'.repeat(101) }), TODAY))).toMatchObject({ field: 'input.idempotencyKey', rule: 'MAX_LENGTH' });
    expect(ruleOf(() => industryMeasureRecord(ORG, input({ decidedOn: '2026-02-30' }), TODAY))).toMatchObject({ field: 'input.decidedOn', rule: 'ISO_DATE' });
    expect(ruleOf(() => industryMeasureRecord(ORG, input({ decidedOn: '2026-09-02' }), TODAY))).toMatchObject({ field: 'input.decidedOn', rule: 'DATE_IN_FUTURE' });
    expect(ruleOf(() => industryMeasureRecord(ORG, input({ measure: 'EXPULSION' as never }), TODAY))).toMatchObject({ field: 'input.measure', rule: 'ENUM' });
    expect(ruleOf(() => industryMeasureRecord(ORG, input({ decisionNumber: 'n'.repeat(65) }), TODAY))).toMatchObject({ field: 'input.decisionNumber', rule: 'MAX_LENGTH' });
  });

  test('only an association with an organization code applies measures', () => {
    expect(associationOf(testCaller({ kind: 'ASSOCIATION', org: ORG }))).toBe(ORG);
    expect(ruleOf(() => associationOf(testCaller({ kind: 'DEPARTMENT', org: ORG })))).toEqual({ field: 'caller', rule: 'NOT_AN_ASSOCIATION', code: 'FORBIDDEN' });
    expect(ruleOf(() => associationOf(testCaller({ kind: 'ASSOCIATION', org: null })))).toMatchObject({ rule: 'ORG_REQUIRED', code: 'FORBIDDEN' });
  });
});
