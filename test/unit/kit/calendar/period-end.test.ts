import { earliestStartWithin, hasRunOut, isWithin, periodEnd } from '../../../../subgraphs/kit/calendar/period-end';
import { minimumPublicationPassed, isOnPublicDisplay } from '../../../../subgraphs/kit/credit-records/publication';
import { isQueryable } from '../../../../subgraphs/kit/credit-records/query-period';
import { parseCreditPeriods } from '../../../../subgraphs/kit/credit-records/credit-periods';
import { addDays } from '../../../../subgraphs/kit/calendar/dates';
import { requireMinimumPeriodPassed } from '../../../../subgraphs/objections/rules/repair-eligibility';
import { violation } from '../../../support/violation';

// One end-day rule (kit/calendar/period-end.ts): a period is over on its end day, for every period.
describe('periodEnd', () => {
  test.each([
    ['2021-09-30', { years: 5 }, '2026-09-30'],
    ['2024-02-29', { years: 1 }, '2025-02-28'],
    ['2026-08-31', { months: 6 }, '2027-02-28'],
    ['2026-05-11', { months: 3 }, '2026-08-11'],
  ])('%s + %j ends on %s', (start, length, end) => {
    expect(periodEnd(start, length)).toBe(end);
    expect(isWithin(start, length, addDays(end, -1))).toBe(true);
    expect(isWithin(start, length, end)).toBe(false);
    expect(hasRunOut(start, length, end)).toBe(true);
    expect(hasRunOut(start, length, addDays(end, -1))).toBe(false);
  });

  test('counting back clamps the same way', () => expect(periodEnd('2026-03-31', { months: -1 })).toBe('2026-02-28'));

  test('earliestStartWithin is the exact SQL cutoff of isWithin, across month ends and leap days', () => {
    for (const today of ['2026-09-30', '2025-02-28', '2025-03-01', '2028-02-29', '2027-02-28', '2026-12-31']) {
      for (const length of [{ years: 5 }, { years: 1 }, { months: 3 }, { months: 6 }]) {
        const cut = earliestStartWithin(length, today);
        expect(isWithin(cut, length, today)).toBe(true);
        expect(isWithin(addDays(cut, -1), length, today)).toBe(false);
      }
    }
  });
});

test('001 Art. 30: a record whose behaviour ended exactly 5 years ago is no longer queryable on the anniversary', () => {
  const record = { dishonest: true, behaviourEndedOn: '2021-09-30', decidedOn: '2021-09-01' };
  expect(isQueryable(record, '2026-09-29')).toBe(true);
  expect(isQueryable(record, '2026-09-30')).toBe(false);
  expect(isQueryable({ ...record, dishonest: false }, '2030-01-01')).toBe(true);
});

describe('publication tiers (credit-periods.yaml), each on its boundary day', () => {
  const decision = (decisionKind: string, penaltyTier: string | null) => ({ public: true, decisionKind, penaltyTier, decidedOn: '2026-05-11', publishedOn: '2026-05-12' });
  test.each([
    ['LICENSING', null, '2029-05-11', null],
    ['PENALTY', 'MINOR', '2026-08-11', null],
    ['PENALTY', 'GENERAL', '2027-05-11', '2026-08-11'],
    ['PENALTY', 'SERIOUS', '2029-05-11', '2027-05-11'],
  ])('%s %s: on display up to the day before %s; minimum passed from %s', (kind, tier, maximumEnd, minimumEnd) => {
    const d = decision(kind, tier);
    expect(isOnPublicDisplay(d, addDays(maximumEnd, -1))).toBe(true);
    expect(isOnPublicDisplay(d, maximumEnd)).toBe(false);
    if (minimumEnd) {
      expect(minimumPublicationPassed(d, addDays(minimumEnd, -1))).toBe(false);
      expect(minimumPublicationPassed(d, minimumEnd)).toBe(true);
    }
  });
  test('a decision that is not public, or not licensing or a penalty, is never on display', () => {
    expect(isOnPublicDisplay({ ...decision('PENALTY', 'GENERAL'), public: false }, '2026-06-01')).toBe(false);
    expect(isOnPublicDisplay(decision('OTHER', null), '2026-06-01')).toBe(false);
  });
});

test('repair before the minimum period is refused naming the period and the first day it may be applied for', () => {
  const refused = () => requireMinimumPeriodPassed('input.listEntryId', 'list entry e', '2026-04-01', { years: 1 }, '2027-03-31');
  expect(violation(refused)).toMatchObject({ field: 'input.listEntryId', rule: 'MINIMUM_PERIOD_NOT_PASSED' });
  expect(refused).toThrow('may be repaired from 2027-04-01: the minimum period before repair is 1 year(s)');
  expect(() => requireMinimumPeriodPassed('input.listEntryId', 'list entry e', '2026-04-01', { years: 1 }, '2027-04-01')).not.toThrow();
});

test('credit-periods.yaml is validated: errors name the file, line, key and rule', () => {
  const text = `queryPeriod: { years: 5 }
publication:
  LICENSING: { minimum: { months: 0 }, maximum: { years: 3 } }
  MINOR: { minimum: { months: 0 }, maximum: { months: 3 } }
  GENERAL: { minimum: { years: 2 }, maximum: { years: 1 } }
  SERIOUS: { minimum: { years: 1 }, maximum: { years: 3 } }
repair: { otherRecords: { months: 0 }, listEntries: {} }
`;
  expect(() => parseCreditPeriods(text)).toThrow('credit-periods.yaml:5: publication.GENERAL.minimum: the minimum exceeds the maximum (rule MINIMUM_NOT_ABOVE_MAXIMUM)');
  expect(() => parseCreditPeriods(text.replace('queryPeriod: { years: 5 }', 'queryPeriod: {}'))).toThrow(/credit-periods.yaml:1: queryPeriod: .*PERIOD_LENGTH/);
});
