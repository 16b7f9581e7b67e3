import { representativeOn } from '../../../subgraphs/legal-persons/rules/representative-on';

// 001 Art. 28: linkage follows the representative in office on the day, not today's.
const terms = [
  { personId: 'new', fromOn: '2026-07-01', toOn: null },
  { personId: 'old', fromOn: '2020-01-01', toOn: '2026-07-01' },
];

test.each([
  ['2019-12-31', null],
  ['2020-01-01', 'old'],
  ['2026-06-30', 'old'],
  ['2026-07-01', 'new'],
  ['2030-01-01', 'new'],
])('on %s the representative is %s', (date, who) => expect(representativeOn(terms, date)?.personId ?? null).toBe(who));
