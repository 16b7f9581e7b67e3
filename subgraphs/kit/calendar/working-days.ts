import { join } from 'node:path';
import { z } from 'zod';
import { isIsoDate } from '../credit-records/input';
import { addDays } from './dates';
import { readYamlConfig, parseYamlConfig, type YamlConfig } from '../protocol/yaml-file';

// Working days (工作日) for every deadline counted in them: objections (001 Art. 31: 5 and 2 working
// days) and double publicity (000 item 25: 7 working days). The calendar is data: holidays.yaml.

export const HOLIDAYS_FILE = join(__dirname, 'holidays.yaml');

const isoDate = z.string().refine(isIsoDate, { message: 'must be a date YYYY-MM-DD (rule ISO_DATE)' });

const YearSchema = z.strictObject({
  source: z.enum(['OFFICIAL', 'ASSUMED']),
  notice: z.string().min(1),
  holidays: z.array(z.strictObject({ name: z.string().min(1), from: isoDate, to: isoDate })),
  workdays: z.array(isoDate),
});

const CalendarSchema = z.strictObject({
  years: z.record(z.string().regex(/^\d{4}$/, { message: 'year keys are four digits (rule YEAR_KEY)' }), YearSchema),
});

export type CalendarYear = z.output<typeof YearSchema>;

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function requireDate(name: string, date: string): void {
  if (typeof date !== 'string' || !isIsoDate(date)) throw new RangeError(`${name} must be an ISO date YYYY-MM-DD, got ${JSON.stringify(date)}`);
}

export class WorkingDayCalendar {
  constructor(
    private readonly holidays: ReadonlySet<string>,
    private readonly workdays: ReadonlySet<string>,
    readonly years: Readonly<Record<string, CalendarYear>>,
  ) {}

  /** Whether the calendar file has an entry for the date's year (otherwise Mon–Fri is assumed). */
  covers(date: string): boolean {
    return date.slice(0, 4) in this.years;
  }

  isWorkingDay(date: string): boolean {
    requireDate('date', date);
    if (this.workdays.has(date)) return true;
    return !isWeekend(date) && !this.holidays.has(date);
  }

  /** The n-th working day after `date` (the day itself is not counted); n < 0 counts back. */
  addWorkingDays(date: string, n: number): string {
    requireDate('date', date);
    if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let day = date;
    for (let left = Math.abs(n); left > 0; ) {
      day = addDays(day, step);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /** Working days after `a` up to and including `b`; negative when b is before a. */
  workingDaysBetween(a: string, b: string): number {
    requireDate('a', a);
    requireDate('b', b);
    if (b < a) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let day = addDays(a, 1); day <= b; day = addDays(day, 1)) if (this.isWorkingDay(day)) count++;
    return count;
  }
}

function buildCalendar(config: YamlConfig<z.output<typeof CalendarSchema>>): WorkingDayCalendar {
  const { value, fail } = config;
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const [year, entry] of Object.entries(value.years)) {
    entry.holidays.forEach((h, i) => {
      if (h.from.slice(0, 4) !== year) fail(['years', year, 'holidays', i, 'from'], `${h.from} is not in ${year} (rule DATE_IN_YEAR)`);
      if (h.to < h.from) fail(['years', year, 'holidays', i, 'to'], `${h.to} is before from ${h.from} (rule RANGE_ORDER)`);
      for (let d = h.from; d <= h.to; d = addDays(d, 1)) holidays.add(d);
    });
    entry.workdays.forEach((d, i) => {
      const at = ['years', year, 'workdays', i];
      if (d.slice(0, 4) !== year) fail(at, `${d} is not in ${year} (rule DATE_IN_YEAR)`);
      if (!isWeekend(d)) fail(at, `${d} is not a Saturday or Sunday; only weekend days are adjusted to working days (rule WORKDAY_ON_WEEKEND)`);
      if (holidays.has(d)) fail(at, `${d} is also inside a holiday (rule WORKDAY_NOT_HOLIDAY)`);
      workdays.add(d);
    });
  }
  return new WorkingDayCalendar(holidays, workdays, value.years);
}

/** Parses calendar YAML text; errors name `file`, the line, the key and the rule. */
export function parseHolidayCalendar(text: string, file = 'holidays.yaml'): WorkingDayCalendar {
  return buildCalendar(parseYamlConfig(text, file, CalendarSchema));
}

let loaded: WorkingDayCalendar | null = null;

/** The calendar from holidays.yaml, loaded and validated once (call it at start-up to fail fast). */
export function workingDayCalendar(): WorkingDayCalendar {
  return (loaded ??= buildCalendar(readYamlConfig(HOLIDAYS_FILE, CalendarSchema)));
}

export const isWorkingDay = (date: string): boolean => workingDayCalendar().isWorkingDay(date);
export const addWorkingDays = (date: string, n: number): string => workingDayCalendar().addWorkingDays(date, n);
export const workingDaysBetween = (a: string, b: string): number => workingDayCalendar().workingDaysBetween(a, b);
