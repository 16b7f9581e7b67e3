import type { Caller } from '../../kit/protocol/caller';
import { RuleViolation } from '../../kit/protocol/errors';
import { isIsoDate } from '../../kit/credit-records/input';
import type { ObjectionTargetType } from '../entities';

// Checks on fileObjection's input before anything is written (all or nothing).

export const MAX_REASON_LENGTH = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FileObjectionFields {
  targetType: ObjectionTargetType;
  targetId: string;
  reason: string;
  filedOn?: string | null;
  jurisdiction?: string | null;
}

export interface CheckedObjection {
  targetType: ObjectionTargetType;
  targetId: string;
  reason: string;
  filedOn: string;
  /** The division the input asserts (LIST_ENTRY only); the objection takes the entry's own. */
  jurisdiction: string | null;
}

export function requireUuid(field: string, value: string): string {
  if (!UUID.test(value.trim())) throw new RuleViolation(field, 'ID_FORMAT', `${field} "${value}" is not an id of the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`);
  return value.trim().toLowerCase();
}

import { requireText } from '../../kit/server/validate';

export { requireText };

export function dateOrToday(field: string, value: string | null | undefined, today: string): string {
  if (value == null) return today;
  if (!isIsoDate(value)) throw new RuleViolation(field, 'ISO_DATE', `${field} "${value}" must be a date YYYY-MM-DD`);
  return value;
}

/** CREDIT_TODAY pins the calendar for drills and tests (kit/calendar/clock.ts); never in production. */
function calendarPinned(): boolean {
  return Boolean(process.env.CREDIT_TODAY) && process.env.NODE_ENV !== 'production';
}

/**
 * filedOn / appliedOn start the working-day deadlines (001 Art. 31), so a caller cannot backdate them:
 * only the platform (ADMIN) records a date other than today, e.g. a paper filing entered late.
 */
export function requirePlatformDate(caller: Caller, field: string, value: string | null | undefined, today: string): void {
  if (value == null || value === today || caller.kind === 'ADMIN' || calendarPinned()) return;
  throw new RuleViolation(field, 'DATE_SET_BY_PLATFORM', `${field} is set by the platform to the day of filing; leave it out`);
}

export function checkFileObjection(input: FileObjectionFields, today: string): CheckedObjection {
  const targetId = requireUuid('input.targetId', input.targetId);
  const reason = requireText('input.reason', input.reason, MAX_REASON_LENGTH);
  const filedOn = dateOrToday('input.filedOn', input.filedOn, today);
  if (filedOn > today) throw new RuleViolation('input.filedOn', 'NOT_IN_FUTURE', `input.filedOn ${filedOn} is after today ${today}`);
  let jurisdiction: string | null = null;
  if (input.targetType === 'LIST_ENTRY') {
    jurisdiction = input.jurisdiction ?? null;
    if (jurisdiction !== null && !/^\d{6}$/.test(jurisdiction)) throw new RuleViolation('input.jurisdiction', 'DIVISION_CODE', 'input.jurisdiction must be a 6-digit administrative division code');
  } else if (input.jurisdiction != null) {
    throw new RuleViolation('input.jurisdiction', 'ONLY_FOR_LIST_ENTRY', 'input.jurisdiction applies to LIST_ENTRY objections only');
  }
  return { targetType: input.targetType, targetId, reason, filedOn, jurisdiction };
}
