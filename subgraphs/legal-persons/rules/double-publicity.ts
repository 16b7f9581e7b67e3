import { addWorkingDays, workingDaysBetween } from '../../kit/calendar/working-days';

// 000 item 25; Pudong 13: administrative licensing and penalty decisions are published within
// 7 working days of the decision. The platform reports which decisions missed that window.
export const DOUBLE_PUBLICITY_WORKING_DAYS = 7;

export interface Decision {
  decidedOn: string;
  publishedOn: string | null;
}

export function publishBy(decidedOn: string): string {
  return addWorkingDays(decidedOn, DOUBLE_PUBLICITY_WORKING_DAYS);
}

export type Timeliness = 'ON_TIME' | 'LATE' | 'OVERDUE' | 'PENDING';

/** LATE: published after the deadline; OVERDUE: still unpublished past it; PENDING: unpublished, still in time. */
export function timeliness(d: Decision, today: string): Timeliness {
  const deadline = publishBy(d.decidedOn);
  if (d.publishedOn) return d.publishedOn <= deadline ? 'ON_TIME' : 'LATE';
  return today > deadline ? 'OVERDUE' : 'PENDING';
}

/** Working days past the deadline (0 when in time). */
export function workingDaysLate(d: Decision, today: string): number {
  const deadline = publishBy(d.decidedOn);
  const end = d.publishedOn ?? today;
  return end > deadline ? workingDaysBetween(deadline, end) : 0;
}
