import { percent, shares } from '../../../../subgraphs/kit/statistics/shares';
import { checkYear, reportAssociation } from '../../../../subgraphs/kit/statistics/report-year';
import { publicCaller, type Caller } from '../../../../subgraphs/kit/protocol/caller';

const tenths = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10);

test('shares are one decimal and sum to exactly 100, the missing tenths to the largest remainders', () => {
  expect(shares([1, 1, 1])).toEqual([33.4, 33.3, 33.3]);
  expect(shares([879, 121])).toEqual([87.9, 12.1]);
  expect(shares([2, 0, 1])).toEqual([66.7, 0, 33.3]);
  for (const counts of [[7, 7, 7, 7, 7, 7, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [999_999, 1, 1]]) {
    const s = shares(counts);
    expect(tenths(s)).toBe(1000);
    counts.forEach((c, i) => expect(Math.abs(s[i] - (100 * c) / counts.reduce((a, b) => a + b))).toBeLessThan(0.1 + 1e-9));
  }
});

test('an empty table has every share 0; a rate of nothing is 0', () => {
  expect(shares([0, 0])).toEqual([0, 0]);
  expect(percent(0, 0)).toBe(0);
  expect(percent(2, 3)).toBe(66.7);
});

test('the report year is a whole year 2000–2100', () => {
  expect(checkYear(2026)).toBe(2026);
  for (const bad of [1999, 2101, 2026.5]) expect(() => checkYear(bad)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'year', rule: 'YEAR_RANGE' }) }));
});

test('an association reads its own report only; the platform names one; nobody else has one', () => {
  const association: Caller = { ...publicCaller('r'), clientId: 'a', kind: 'ASSOCIATION', org: 'A-ORG' };
  const admin: Caller = { ...publicCaller('r'), clientId: 'x', kind: 'ADMIN', org: 'X' };
  expect(reportAssociation(association, null)).toBe('A-ORG');
  expect(() => reportAssociation(association, 'B-ORG')).toThrow(expect.objectContaining({ rule: 'OWN_ASSOCIATION_ONLY' }));
  expect(reportAssociation(admin, 'B-ORG')).toBe('B-ORG');
  expect(() => reportAssociation(admin, null)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'association', rule: 'REQUIRED' }) }));
  expect(() => reportAssociation({ ...admin, kind: 'DEPARTMENT' }, null)).toThrow(expect.objectContaining({ rule: 'NOT_AN_ASSOCIATION' }));
});
