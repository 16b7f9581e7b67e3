import { FREE_REPORTS_PER_YEAR, isFreeReport } from '../../../subgraphs/access-log/rules/free-reports';

// 001 Art. 29: two free credit reports per calendar year for a natural person.
describe('isFreeReport', () => {
  test('a natural person\'s first two reports of a year are free, the third and later are not', () => {
    expect(FREE_REPORTS_PER_YEAR).toBe(2);
    expect([1, 2, 3, 4, 10].map((n) => isFreeReport('NATURAL_PERSON', n))).toEqual([true, true, false, false, false]);
  });

  test('a legal person\'s reports are always free', () => {
    expect([1, 3, 50].map((n) => isFreeReport('LEGAL_PERSON', n))).toEqual([true, true, true]);
  });
});
