import { birthYearOf, genderOf, shownIdNumber } from '../../../subgraphs/natural-persons/id-number';

// GB 11643: digits 7–14 are the birth date; the 17th digit is odd for men, even for women.
test('birth year and gender come from the id number', () => {
  expect(birthYearOf('11010519491231002X')).toBe(1949);
  expect(genderOf('11010519491231002X')).toBe('F');
  expect(birthYearOf('440524188001010014')).toBe(1880);
  expect(genderOf('440524188001010014')).toBe('M');
});

test('the number is masked unless the full number is allowed', () => {
  expect(shownIdNumber('11010519491231002X', false)).toBe('110***********002X');
  expect(shownIdNumber('11010519491231002X', true)).toBe('11010519491231002X');
});
