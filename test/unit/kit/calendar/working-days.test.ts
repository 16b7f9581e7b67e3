import { addWorkingDays, isWorkingDay, parseHolidayCalendar, workingDayCalendar, workingDaysBetween } from '../../../../subgraphs/kit/calendar/working-days';
import { ConfigFileError } from '../../../../subgraphs/kit/protocol/yaml-file';

describe('the calendar in holidays.yaml', () => {
  test('loads and covers 2025–2027', () => {
    const calendar = workingDayCalendar();
    expect(Object.keys(calendar.years).sort()).toEqual(['2025', '2026', '2027']);
    expect(calendar.years['2025'].source).toBe('OFFICIAL');
    expect(calendar.years['2026'].source).toBe('OFFICIAL');
    expect(calendar.years['2027'].source).toBe('ASSUMED');
    expect(calendar.covers('2028-01-03')).toBe(false);
  });

  test('Golden Week 2026 (Oct 1–7) is not worked, and its 调休 Saturday Oct 10 is', () => {
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(`2026-10-0${d}`)).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2026-10-11')).toBe(false); // ordinary Sunday
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休上班
  });

  test('Spring Festival 2025 with its 调休 Sunday and Saturday', () => {
    expect(isWorkingDay('2025-01-26')).toBe(true); // Sunday
    expect(isWorkingDay('2025-01-28')).toBe(false); // 除夕
    expect(isWorkingDay('2025-02-04')).toBe(false);
    expect(isWorkingDay('2025-02-05')).toBe(true);
    expect(isWorkingDay('2025-02-08')).toBe(true); // Saturday
  });

  test('ordinary weekdays and weekends', () => {
    expect(isWorkingDay('2026-07-01')).toBe(true); // Wednesday
    expect(isWorkingDay('2026-07-04')).toBe(false); // Saturday
    expect(isWorkingDay('2028-03-06')).toBe(true); // outside the file: Mon–Fri
    expect(isWorkingDay('2028-03-05')).toBe(false);
  });
});

describe('addWorkingDays', () => {
  test('5 working days across Golden Week 2026 counts the 调休 Saturday', () => {
    // Filed Wed 2026-09-30: Oct 1–7 off, Oct 8 (1), Oct 9 (2), Sat Oct 10 (3), Oct 12 (4), Oct 13 (5).
    expect(addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
    expect(addWorkingDays('2026-09-30', 2)).toBe('2026-10-09');
  });

  test('across the 2026 Spring Festival with its two 调休 Saturdays', () => {
    // Fri 2026-02-13: Sat 14 (1, 调休), 15–23 off, Tue 24 (2), Wed 25 (3), Thu 26 (4), Fri 27 (5).
    expect(addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
    expect(addWorkingDays('2026-02-13', 6)).toBe('2026-02-28'); // Saturday, 调休
  });

  test('an ordinary week, zero, and counting back', () => {
    expect(addWorkingDays('2026-07-01', 5)).toBe('2026-07-08');
    expect(addWorkingDays('2026-07-04', 0)).toBe('2026-07-04');
    expect(addWorkingDays('2026-10-13', -5)).toBe('2026-09-30');
  });

  test('misuse fails fast naming the argument', () => {
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(/date must be an ISO date/);
    expect(() => addWorkingDays('2026-07-01', 1.5)).toThrow(/n must be an integer/);
  });
});

describe('workingDaysBetween', () => {
  test('inverse of addWorkingDays', () => {
    for (const [from, n] of [['2026-09-30', 5], ['2026-02-13', 6], ['2025-04-30', 3], ['2027-12-30', 4]] as const) {
      expect(workingDaysBetween(from, addWorkingDays(from, n))).toBe(n);
    }
  });

  test('counts (a, b], negative when reversed', () => {
    expect(workingDaysBetween('2026-10-01', '2026-10-07')).toBe(0);
    expect(workingDaysBetween('2026-10-07', '2026-10-10')).toBe(3);
    expect(workingDaysBetween('2026-10-10', '2026-10-07')).toBe(-3);
    expect(workingDaysBetween('2026-07-01', '2026-07-01')).toBe(0);
  });
});

describe('validation names the file, line, key and rule', () => {
  const valid = (workdays: string) => `years:
  "2026":
    source: OFFICIAL
    notice: test
    holidays:
      - { name: 国庆节, from: 2026-10-01, to: 2026-10-07 }
    workdays: [${workdays}]
`;

  test('a working day that is a weekday', () => {
    expect(() => parseHolidayCalendar(valid('2026-10-09'), 'holidays.yaml')).toThrow(
      'holidays.yaml:7: years.2026.workdays[0]: 2026-10-09 is not a Saturday or Sunday; only weekend days are adjusted to working days (rule WORKDAY_ON_WEEKEND)',
    );
  });

  test('a bad date and an unknown key', () => {
    const bad = valid('').replace('to: 2026-10-07', 'to: 2026-10-32');
    expect(() => parseHolidayCalendar(bad)).toThrow(/holidays\.yaml:6: years\.2026\.holidays\[0\]\.to: .*ISO_DATE/);
    const unknown = valid('').replace('source: OFFICIAL', 'source: OFFICIAL\n    sorce: typo');
    expect(() => parseHolidayCalendar(unknown)).toThrow(ConfigFileError);
    const dated = valid('').replace('"2026"', '"2025"');
    expect(() => parseHolidayCalendar(dated)).toThrow(/years\.2025\.holidays\[0\]\.from: 2026-10-01 is not in 2025 \(rule DATE_IN_YEAR\)/);
  });

  test('YAML syntax errors carry the line', () => {
    expect(() => parseHolidayCalendar('years:\n  "2026": [\n', 'x.yaml')).toThrow(/^x\.yaml:\d+: invalid YAML/);
  });
});
