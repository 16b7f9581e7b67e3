import { parsePeriodPolicy, periodPolicy } from '../../../subgraphs/lists/policy';
import { defaultPeriodEnd, extensionRuleBroken, periodRuleBroken } from '../../../subgraphs/lists/rules/periods';

const policy = periodPolicy();

describe('listing periods (list-periods.yaml)', () => {
  test('court list: 2 years from the decision by default; other domains the 3-year maximum', () => {
    expect(defaultPeriodEnd(policy, 'court-enforcement', '2026-03-15')).toBe('2028-03-15');
    expect(defaultPeriodEnd(policy, 'market-supervision', '2026-03-15')).toBe('2029-03-15');
  });

  test('a period ends after the decision and within the maximum', () => {
    expect(periodRuleBroken(policy, 'tax', '2026-03-15', '2026-03-15')).toBe('PERIOD_AFTER_DECISION');
    expect(periodRuleBroken(policy, 'tax', '2026-03-15', '2029-03-15')).toBeNull();
    expect(periodRuleBroken(policy, 'tax', '2026-03-15', '2029-03-16')).toBe('PERIOD_MAXIMUM');
    expect(periodRuleBroken(policy, 'court-enforcement', '2026-03-15', '2028-03-16')).toBe('PERIOD_MAXIMUM');
  });

  test('court list: extended by 1–3 years from the current end', () => {
    const entry = { domain: 'court-enforcement', decidedOn: '2026-03-15', periodEndsOn: '2028-03-15' };
    expect(extensionRuleBroken(policy, entry, '2029-03-15')).toBeNull();
    expect(extensionRuleBroken(policy, entry, '2031-03-15')).toBeNull();
    expect(extensionRuleBroken(policy, entry, '2029-03-14')).toBe('EXTENSION_RANGE');
    expect(extensionRuleBroken(policy, entry, '2031-03-16')).toBe('EXTENSION_RANGE');
    expect(extensionRuleBroken(policy, entry, '2028-03-15')).toBe('EXTENSION_NOT_LATER');
    // After one extension of 3 years nothing more is possible.
    expect(extensionRuleBroken(policy, { ...entry, periodEndsOn: '2031-03-15' }, '2032-03-15')).toBe('PERIOD_MAXIMUM');
  });

  test('other domains: any later date up to the maximum', () => {
    const entry = { domain: 'market-supervision', decidedOn: '2026-03-15', periodEndsOn: '2027-03-15' };
    expect(extensionRuleBroken(policy, entry, '2027-03-16')).toBeNull();
    expect(extensionRuleBroken(policy, entry, '2029-03-15')).toBeNull();
    expect(extensionRuleBroken(policy, entry, '2029-03-16')).toBe('PERIOD_MAXIMUM');
    expect(extensionRuleBroken(policy, entry, '2027-03-01')).toBe('EXTENSION_NOT_LATER');
  });

  test('a wrong policy file is refused naming the file and the key', () => {
    expect(() => parsePeriodPolicy('default: { defaultYears: 4, maxYears: 3 }', 'p.yaml')).toThrow(/^p\.yaml:1: default: defaultYears must not exceed maxYears/);
    expect(() => parsePeriodPolicy('default: { defaultYears: 1, maxYears: 3 }\ndomains:\n  tax: { defaultYears: x, maxYears: 3 }', 'p.yaml')).toThrow(/^p\.yaml:3: domains\.tax\.defaultYears: /);
    expect(() => parsePeriodPolicy('default: [', 'p.yaml')).toThrow(/^p\.yaml:1: invalid YAML/);
  });
});
