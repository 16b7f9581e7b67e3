import { publishBy, timeliness, workingDaysLate } from '../../../../subgraphs/legal-persons/rules/double-publicity';

// 000 item 25: published within 7 working days of the decision (holidays.yaml decides what a working day is).
test('the deadline is the 7th working day after the decision, skipping weekends and holidays', () => {
  expect(publishBy('2026-03-02')).toBe('2026-03-11'); // Mon → the Wednesday of the following week
  expect(publishBy('2026-09-28')).toBe('2026-10-13'); // National Day week and the 调休 Saturday Oct 10 count right
});

test('on time, late, overdue and pending', () => {
  expect(timeliness({ decidedOn: '2026-03-02', publishedOn: '2026-03-11' }, '2026-06-01')).toBe('ON_TIME');
  expect(timeliness({ decidedOn: '2026-03-02', publishedOn: '2026-03-12' }, '2026-06-01')).toBe('LATE');
  expect(timeliness({ decidedOn: '2026-03-02', publishedOn: null }, '2026-03-12')).toBe('OVERDUE');
  expect(timeliness({ decidedOn: '2026-03-02', publishedOn: null }, '2026-03-11')).toBe('PENDING');
});

test('working days late are counted from the deadline', () => {
  expect(workingDaysLate({ decidedOn: '2026-03-02', publishedOn: '2026-03-11' }, '2026-06-01')).toBe(0);
  expect(workingDaysLate({ decidedOn: '2026-03-02', publishedOn: '2026-03-16' }, '2026-06-01')).toBe(3);
});
