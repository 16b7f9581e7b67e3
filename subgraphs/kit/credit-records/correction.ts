import { RuleViolation } from '../protocol/errors';
import { isSeriousBehaviour } from '../protocol/serious-behaviour';
import { PENALTY_TIERS, RECORD_CATEGORIES } from './entity';
import { isIsoDate } from './input';

// 001 Art. 31: an objection decided CORRECTED carries the provider's correction of the record. Checked
// by the objections subgraph before the decision commits, and again by the owner that applies it.

export interface RecordCorrection {
  category?: string | null;
  title?: string | null;
  content?: string | null;
  decisionNumber?: string | null;
  decidedOn?: string | null;
  behaviourEndedOn?: string | null;
  public?: boolean | null;
  dishonest?: boolean | null;
  penaltyTier?: string | null;
  seriousBehaviour?: string | null;
}

/** The fields a correction sets: absent and null ones are left out. */
export type GivenCorrection = { [K in keyof RecordCorrection]?: NonNullable<RecordCorrection[K]> };

const TEXT_MAX = { title: 200, content: 20_000, decisionNumber: 64 } as const;

/**
 * The fields the correction sets (nulls and absent fields change nothing); throws naming `field.<name>` and the rule.
 * `on`: the decision's day — a correction states no decision or end of behaviour after it, as a submission may not
 * (input.ts): a behaviour "ending" in 9999 would keep the record in every read for ever.
 */
export function checkCorrection(field: string, c: RecordCorrection | null | undefined, on: string): GivenCorrection {
  const set = Object.fromEntries(Object.entries(c ?? {}).filter(([, v]) => v !== null && v !== undefined)) as GivenCorrection;
  if (Object.keys(set).length === 0) throw new RuleViolation(field, 'CORRECTION_REQUIRED', `a CORRECTED decision on a credit record needs ${field} with at least one corrected field`);
  for (const [name, max] of Object.entries(TEXT_MAX)) {
    const value = set[name as keyof typeof TEXT_MAX];
    if (value !== undefined && (!value.trim() || value.length > max)) throw new RuleViolation(`${field}.${name}`, value.trim() ? 'MAX_LENGTH' : 'REQUIRED', `${field}.${name} must be 1–${max} characters`);
  }
  for (const name of ['decidedOn', 'behaviourEndedOn'] as const) {
    const value = set[name];
    if (value !== undefined && !isIsoDate(value)) throw new RuleViolation(`${field}.${name}`, 'ISO_DATE', `${field}.${name} "${value}" must be a date YYYY-MM-DD`);
    if (value !== undefined && value > on) throw new RuleViolation(`${field}.${name}`, name === 'decidedOn' ? 'DECIDED_IN_FUTURE' : 'ENDED_IN_FUTURE', `${field}.${name} ${value} is after the decision's day (${on})`);
  }
  if (set.category !== undefined && !(RECORD_CATEGORIES as readonly string[]).includes(set.category)) throw new RuleViolation(`${field}.category`, 'ENUM', `${field}.category is not a record category`);
  if (set.penaltyTier !== undefined && !PENALTY_TIERS.includes(set.penaltyTier)) throw new RuleViolation(`${field}.penaltyTier`, 'ENUM', `${field}.penaltyTier is not a penalty tier`);
  if (set.seriousBehaviour !== undefined && !isSeriousBehaviour(set.seriousBehaviour)) throw new RuleViolation(`${field}.seriousBehaviour`, 'ENUM', `${field}.seriousBehaviour is not a 001 Art. 26 category`);
  return set;
}
