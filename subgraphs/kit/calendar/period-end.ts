import { addDays } from './dates';

// One end-day rule for every period (001 Art. 30 query period, publication windows, list periods,
// the minimum before repair): a period that starts on day S ends on its end day E = S + length, and
// E is the first day outside it. Month arithmetic keeps the day of month and clamps to the month's
// last day (2024-02-29 + 1 year = 2025-02-28; 2026-08-31 + 6 months = 2027-02-28).

export interface PeriodLength {
  years?: number;
  months?: number;
}

function daysIn(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** The end day: the first day after the period (the period is start ≤ day < end). */
export function periodEnd(start: string, length: PeriodLength): string {
  const [y, m, d] = start.split('-').map(Number);
  const months = (m - 1) + (length.years ?? 0) * 12 + (length.months ?? 0);
  const year = y + Math.floor(months / 12);
  const month0 = ((months % 12) + 12) % 12;
  const day = Math.min(d, daysIn(year, month0));
  return `${year}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether `today` is inside the period that started on `start`: from the start day up to the day before the end day. */
export function isWithin(start: string, length: PeriodLength, today: string): boolean {
  return start <= today && today < periodEnd(start, length);
}

/** Whether the period that started on `start` has run out by `today` (the end day itself included). */
export function hasRunOut(start: string, length: PeriodLength, today: string): boolean {
  return today >= periodEnd(start, length);
}

/**
 * The earliest start whose period still includes `today` (the SQL form: start >= this). Found by
 * stepping from the naive subtraction, since clamped month arithmetic has no exact inverse.
 */
export function earliestStartWithin(length: PeriodLength, today: string): string {
  const back = { years: -(length.years ?? 0), months: -(length.months ?? 0) };
  let start = periodEnd(today, back);
  while (periodEnd(start, length) > today) start = addDays(start, -1);
  while (periodEnd(start, length) <= today) start = addDays(start, 1);
  return start;
}
