import { residentIdRuleBroken, ruleName, usccRuleBroken } from '../protocol/codes';
import { RECORD_CATEGORIES } from './entity';
import { RuleViolation } from '../protocol/errors';
import { isSeriousBehaviour } from '../protocol/serious-behaviour';

// Validation of submitted credit records: everything is checked before anything is written,
// so a rejected batch leaves the database as it was.
export const MAX_RECORDS_PER_SUBMISSION = 5_000;

export interface RecordInput {
  subjectType: 'LEGAL_PERSON' | 'NATURAL_PERSON';
  subjectId: string;
  subjectName?: string | null;
  category: string;
  sourceDepartment: string;
  title: string;
  content: string;
  decisionNumber?: string | null;
  decidedOn: string;
  behaviourEndedOn?: string | null;
  public: boolean;
  dishonest: boolean;
  decisionKind?: string | null;
  penaltyTier?: string | null;
  provider: string;
  providerRecordId: string;
  seriousBehaviour?: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function requireIsoDate(field: string, value: string): void {
  if (!isIsoDate(value)) throw new RuleViolation(field, 'ISO_DATE', `${field} "${value}" must be a date YYYY-MM-DD`);
}

function requireLength(field: string, value: string, max: number): void {
  if (value.trim().length === 0) throw new RuleViolation(field, 'REQUIRED', `${field} must not be empty`);
  if (value.length > max) throw new RuleViolation(field, 'MAX_LENGTH', `${field} is longer than ${max} characters`);
}

/** Throws a RuleViolation naming `records[i].field` and the rule. */
export function validateRecordInputs(records: RecordInput[]): void {
  if (records.length > MAX_RECORDS_PER_SUBMISSION) {
    throw new RuleViolation('records', 'BATCH_TOO_LARGE', `at most ${MAX_RECORDS_PER_SUBMISSION} records per submission`, 'BATCH_TOO_LARGE');
  }
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const at = (f: string) => `records[${i}].${f}`;
    if (r.subjectType === 'LEGAL_PERSON') {
      const rule = usccRuleBroken(r.subjectId);
      if (rule) throw new RuleViolation(at('subjectId'), ruleName('USCC', rule), `${at('subjectId')} "${r.subjectId}" is not a valid USCC (${rule})`);
    } else {
      const rule = residentIdRuleBroken(r.subjectId);
      if (rule) throw new RuleViolation(at('subjectId'), ruleName('RESIDENT_ID', rule), `${at('subjectId')} is not a valid resident id number (${rule})`);
    }
    if (!(RECORD_CATEGORIES as readonly string[]).includes(r.category)) throw new RuleViolation(at('category'), 'ENUM', `${at('category')} is not a record category`);
    requireLength(at('sourceDepartment'), r.sourceDepartment, 64);
    requireLength(at('title'), r.title, 200);
    if (r.decisionNumber) requireLength(at('decisionNumber'), r.decisionNumber, 64);
    if (r.subjectName) requireLength(at('subjectName'), r.subjectName, 100);
    requireLength(at('content'), r.content, 20_000);
    requireLength(at('provider'), r.provider, 64);
    requireLength(at('providerRecordId'), r.providerRecordId, 128);
    requireIsoDate(at('decidedOn'), r.decidedOn);
    if (r.behaviourEndedOn) requireIsoDate(at('behaviourEndedOn'), r.behaviourEndedOn);
    if (r.decisionKind === 'PENALTY' && !r.penaltyTier) throw new RuleViolation(at('penaltyTier'), 'PENALTY_TIER_REQUIRED', `${at('penaltyTier')} is required for a penalty decision`);
    if (r.decisionKind !== 'PENALTY' && r.penaltyTier) throw new RuleViolation(at('penaltyTier'), 'PENALTY_TIER_ONLY_FOR_PENALTIES', `${at('penaltyTier')} applies to penalty decisions only`);
    if (r.seriousBehaviour != null && !isSeriousBehaviour(r.seriousBehaviour)) throw new RuleViolation(at('seriousBehaviour'), 'ENUM', `${at('seriousBehaviour')} is not a 001 Art. 26 category`);
    if (r.seriousBehaviour != null && !r.dishonest) throw new RuleViolation(at('seriousBehaviour'), 'ONLY_FOR_DISHONESTY', `${at('seriousBehaviour')} applies to dishonesty records only (001 Art. 26)`);
    const key = `${r.provider}\u0000${r.providerRecordId}`;
    if (seen.has(key)) throw new RuleViolation(at('providerRecordId'), 'DUPLICATE_IN_BATCH', `${at('providerRecordId')} appears twice in this submission`);
    seen.add(key);
  });
}
