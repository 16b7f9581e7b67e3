import { RuleViolation } from '../protocol/errors';
import { requireIsoDate } from '../credit-records/input';

// Input checks every subgraph makes before writing; each failure names the field and the rule.

/** Trimmed, non-empty text of at most `max` characters (what the column holds). */
export function requireText(field: string, value: string | null | undefined, max: number): string {
  const text = (value ?? '').trim();
  if (!text) throw new RuleViolation(field, 'REQUIRED', `${field} must not be empty`);
  if (text.length > max) throw new RuleViolation(field, 'MAX_LENGTH', `${field} is longer than ${max} characters`);
  return text;
}

/** A decision is dated today or earlier: a date after today is refused under `rule`. */
export function requirePastOrToday(field: string, value: string, today: string, rule = 'DATE_IN_FUTURE'): string {
  requireIsoDate(field, value);
  if (value > today) throw new RuleViolation(field, rule, `${field} ${value} is after today (${today})`);
  return value;
}
