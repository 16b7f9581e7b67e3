import { gradingPolicy } from '../../../subgraphs/legal-persons/grading';
import { supervisionGrade, type GradeFacts } from '../../../subgraphs/legal-persons/rules/supervision-grade';

// Graded supervision (003 items 7–9) with the shipped grading.yaml: D black, C key attention or
// repeated dishonesty, A red without dishonesty, else B.
const policy = gradingPolicy();
const facts = (dishonestRecords: number, ...types: string[]): GradeFacts => ({
  dishonestRecords,
  activeListEntries: types.map((listType) => ({ listType, domain: listType === 'RED' ? 'tax' : 'market-supervision' })),
});

describe('supervisionGrade (grading.yaml)', () => {
  test('an active BLACK entry is D, inspected three times as often, whatever else holds', () => {
    expect(supervisionGrade(policy, facts(0, 'BLACK', 'RED'))).toEqual({
      grade: 'D', reasons: ['active BLACK list entry (market-supervision)'], inspectionFrequencyFactor: 3,
    });
  });

  test('KEY_ATTENTION or at least 3 dishonesty records in the query period is C, each reason listed', () => {
    expect(supervisionGrade(policy, facts(0, 'KEY_ATTENTION')).grade).toBe('C');
    expect(supervisionGrade(policy, facts(3))).toEqual({
      grade: 'C', reasons: ['3 dishonesty records in the 5-year query period (at least 3)'], inspectionFrequencyFactor: 2,
    });
    expect(supervisionGrade(policy, facts(4, 'KEY_ATTENTION')).reasons).toHaveLength(2);
  });

  test('C outranks A: a red-listed company under key attention is C', () => {
    expect(supervisionGrade(policy, facts(0, 'RED', 'KEY_ATTENTION')).grade).toBe('C');
  });

  test('an active RED entry and no dishonesty is A, inspected half as often', () => {
    expect(supervisionGrade(policy, facts(0, 'RED'))).toEqual({
      grade: 'A', reasons: ['active RED list entry (tax)', '0 dishonesty records in the 5-year query period (at most 0)'], inspectionFrequencyFactor: 0.5,
    });
  });

  test('a RED entry with one dishonesty record, or no entry at all, is B at the regular frequency', () => {
    expect(supervisionGrade(policy, facts(1, 'RED')).grade).toBe('B');
    const plain = supervisionGrade(policy, facts(2));
    expect(plain.grade).toBe('B');
    expect(plain.inspectionFrequencyFactor).toBe(1);
    expect(plain.reasons[0]).toMatch(/2 dishonesty records in the 5-year query period$/);
  });

  test('thresholds come from the policy, not the code', () => {
    const strict = { ...policy, C: { ...policy.C, minDishonestRecords: 1 }, D: { ...policy.D, minDishonestRecords: 5 } };
    expect(supervisionGrade(strict, facts(1)).grade).toBe('C');
    expect(supervisionGrade(strict, facts(5)).grade).toBe('D');
    expect(supervisionGrade(policy, facts(5)).grade).toBe('C');
  });
});
