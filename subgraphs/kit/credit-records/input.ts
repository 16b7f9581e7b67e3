import { residentIdRuleBroken, ruleName, usccRuleBroken } from '../protocol/codes';
import { RECORD_CATEGORIES } from './entity';
import { RuleViolation } from '../protocol/errors';
import { MAX_RECORDS_PER_SUBMISSION } from '../protocol/limits';
import { isSeriousBehaviour } from '../protocol/serious-behaviour';
import { informationCatalogue, type InformationCatalogue } from './catalogue';
import { queryPeriodCutoff } from './query-period';
import { providerKey } from './record-id';

// Validation of submitted credit records: every record is checked before anything is written, so a
// rejected record writes nothing (and, for an atomic submission, neither does the rest of its batch).
export { MAX_RECORDS_PER_SUBMISSION };

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
  /** Information catalogue item code (information-catalogue.yaml). */
  item?: string | null;
  /** When the provider published the decision (double publicity), as the provider states it. */
  publishedOn?: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar day YYYY-MM-DD (arithmetic, no Date: the bulk import checks three per line). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = [Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))];
  // MySQL's DATE holds years 1000 to 9999 (it does not take 0000-02-29, which this calendar would).
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
}

export function requireIsoDate(field: string, value: string): void {
  if (!isIsoDate(value)) throw new RuleViolation(field, 'ISO_DATE', `${field} "${value}" must be a date YYYY-MM-DD from the year 1000 on`);
}

function requireLength(field: string, value: string, max: number): void {
  if (value.trim().length === 0) throw new RuleViolation(field, 'REQUIRED', `${field} must not be empty`);
  if (value.length > max) throw new RuleViolation(field, 'MAX_LENGTH', `${field} is longer than ${max} characters`);
}

/** `records[i].field`, the name a rule names; built only for a rule that fails (no closure per record: a bulk import checks millions). */
const fieldOf = (i: number, f: string) => `records[${i}].${f}`;

const NOT_BLANK = /\S/;

function textWithin(i: number, name: string, value: string, max: number): void {
  if (value.length === 0 || value.length > max || !NOT_BLANK.test(value)) requireLength(fieldOf(i, name), value, max);
  // A lone UTF-16 surrogate (JSON "\ud800") is no character: stored it would become U+FFFD, and the same
  // record sent again would read as the provider's correction.
  if (!value.isWellFormed()) throw new RuleViolation(fieldOf(i, name), 'UNPAIRED_SURROGATE', `${fieldOf(i, name)} holds an unpaired UTF-16 surrogate, which is not a character`);
}

/** 001 Art. 9: a record belongs to a catalogue item its provider may submit, and agrees with the item. */
export function checkItem(r: RecordInput, i: number, catalogue: InformationCatalogue = informationCatalogue()): void {
  const item = r.item ? catalogue.byCode.get(r.item) : undefined;
  if (!item) throw new RuleViolation(fieldOf(i, 'item'), 'NOT_IN_CATALOGUE', r.item ? `${fieldOf(i, 'item')} "${r.item}" is not an item of the information catalogue` : `${fieldOf(i, 'item')} is required: name the catalogue item of the record`);
  if (!item.providerSet.has(r.provider)) throw new RuleViolation(fieldOf(i, 'item'), 'PROVIDER_NOT_ALLOWED', `${r.provider} is not a providing unit of catalogue item ${item.code}`);
  if (item.subjectType !== r.subjectType) throw new RuleViolation(fieldOf(i, 'item'), 'ITEM_SUBJECT_TYPE', `catalogue item ${item.code} is about a ${item.subjectType}, not a ${r.subjectType}`);
  if (item.category !== r.category) throw new RuleViolation(fieldOf(i, 'item'), 'ITEM_CATEGORY', `catalogue item ${item.code} is in category ${item.category}, not ${r.category}`);
  if (r.public && !item.public) throw new RuleViolation(fieldOf(i, 'item'), 'ITEM_NOT_PUBLIC', `catalogue item ${item.code} is not public information`);
  if (r.dishonest && !item.dishonest) throw new RuleViolation(fieldOf(i, 'item'), 'ITEM_NOT_DISHONESTY', `catalogue item ${item.code} is not dishonesty information`);
}

// Subjects repeat across a bulk import's lines: their code check is remembered (a pure function of the code).
const usccRules = new Map<string, ReturnType<typeof usccRuleBroken>>();
function usccRule(code: string): ReturnType<typeof usccRuleBroken> {
  let rule = usccRules.get(code);
  if (rule === undefined) {
    if (usccRules.size >= 200_000) usccRules.clear();
    usccRules.set(code, (rule = usccRuleBroken(code)));
  }
  return rule;
}

/** Checks one record of a submission; throws a RuleViolation naming `records[i].field` and the rule. */
/**
 * Dates against the day the platform receives the record: nothing is decided, published or ended after it,
 * and a dishonesty record already past its 5-year query period (001 Art. 30) is not taken in, as nothing
 * could read, use or evaluate it. A behaviour still going on has no end date (stated once it ends).
 */
function checkRecordDates(r: RecordInput, i: number, today: string): void {
  if (r.decidedOn > today) throw inFuture(i, 'decidedOn', r.decidedOn, today, 'DECIDED_IN_FUTURE', 'a record states a decision already made');
  if (r.publishedOn != null && r.publishedOn > today) throw inFuture(i, 'publishedOn', r.publishedOn, today, 'PUBLISHED_IN_FUTURE', 'publishedOn is the day the decision was published');
  if (r.behaviourEndedOn != null && r.behaviourEndedOn > today) {
    throw inFuture(i, 'behaviourEndedOn', r.behaviourEndedOn, today, 'ENDED_IN_FUTURE', 'leave behaviourEndedOn out while the behaviour goes on, and state it once it has ended');
  }
  // isQueryable's SQL form (ended on or after the cutoff), the cutoff computed once a day: the import checks millions of lines.
  const ended = r.behaviourEndedOn ?? r.decidedOn;
  if (r.dishonest && ended < cutoffOn(today)) {
    const name = r.behaviourEndedOn != null ? 'behaviourEndedOn' : 'decidedOn';
    throw new RuleViolation(fieldOf(i, name), 'PAST_QUERY_PERIOD', `${fieldOf(i, name)} ${ended} is more than the query period before today (${today}): a dishonesty record past it is not provided, used or evaluated (001 Art. 30)`);
  }
}

const inFuture = (i: number, name: string, value: string, today: string, rule: string, what: string) =>
  new RuleViolation(fieldOf(i, name), rule, `${fieldOf(i, name)} ${value} is after today (${today}): ${what}`);

let cutoff = { today: '', on: '' };
function cutoffOn(today: string): string {
  if (cutoff.today !== today) cutoff = { today, on: queryPeriodCutoff(today) };
  return cutoff.on;
}

/**
 * Every rule of one record that needs no database. `today`: the day it is received, for its dates; null where
 * the record was checked against its day on receipt already (natural-persons storing what legal-persons took in).
 */
export function checkRecordInput(r: RecordInput, i: number, today: string | null): void {
  if (r.subjectType === 'LEGAL_PERSON') {
    const rule = usccRule(r.subjectId);
    if (rule) throw new RuleViolation(fieldOf(i, 'subjectId'), ruleName('USCC', rule), `${fieldOf(i, 'subjectId')} "${r.subjectId}" is not a valid USCC (${rule})`);
  } else {
    const rule = residentIdRuleBroken(r.subjectId);
    if (rule) throw new RuleViolation(fieldOf(i, 'subjectId'), ruleName('RESIDENT_ID', rule), `${fieldOf(i, 'subjectId')} is not a valid resident id number (${rule})`);
  }
  if (!(RECORD_CATEGORIES as readonly string[]).includes(r.category)) throw new RuleViolation(fieldOf(i, 'category'), 'ENUM', `${fieldOf(i, 'category')} is not a record category`);
  textWithin(i, 'sourceDepartment', r.sourceDepartment, 64);
  textWithin(i, 'title', r.title, 200);
  if (r.decisionNumber) textWithin(i, 'decisionNumber', r.decisionNumber, 64);
  if (r.subjectName) textWithin(i, 'subjectName', r.subjectName, 100);
  textWithin(i, 'content', r.content, 20_000);
  textWithin(i, 'provider', r.provider, 64);
  textWithin(i, 'providerRecordId', r.providerRecordId, 128);
  if (!isIsoDate(r.decidedOn)) requireIsoDate(fieldOf(i, 'decidedOn'), r.decidedOn);
  // Optional dates are checked whenever present: an empty string is not a date (MySQL would refuse it).
  if (r.behaviourEndedOn != null && !isIsoDate(r.behaviourEndedOn)) requireIsoDate(fieldOf(i, 'behaviourEndedOn'), r.behaviourEndedOn);
  if (r.publishedOn != null) {
    requireIsoDate(fieldOf(i, 'publishedOn'), r.publishedOn);
    if (r.publishedOn < r.decidedOn) throw new RuleViolation(fieldOf(i, 'publishedOn'), 'PUBLISHED_BEFORE_DECISION', `${fieldOf(i, 'publishedOn')} is before the decision (${r.decidedOn})`);
    if (!r.public) throw new RuleViolation(fieldOf(i, 'publishedOn'), 'ONLY_FOR_PUBLIC', `${fieldOf(i, 'publishedOn')} applies to public decisions only`);
  }
  if (r.decisionKind === 'PENALTY' && !r.penaltyTier) throw new RuleViolation(fieldOf(i, 'penaltyTier'), 'PENALTY_TIER_REQUIRED', `${fieldOf(i, 'penaltyTier')} is required for a penalty decision`);
  if (r.decisionKind !== 'PENALTY' && r.penaltyTier) throw new RuleViolation(fieldOf(i, 'penaltyTier'), 'PENALTY_TIER_ONLY_FOR_PENALTIES', `${fieldOf(i, 'penaltyTier')} applies to penalty decisions only`);
  if (r.seriousBehaviour != null && !isSeriousBehaviour(r.seriousBehaviour)) throw new RuleViolation(fieldOf(i, 'seriousBehaviour'), 'ENUM', `${fieldOf(i, 'seriousBehaviour')} is not a 001 Art. 26 category`);
  if (r.seriousBehaviour != null && !r.dishonest) throw new RuleViolation(fieldOf(i, 'seriousBehaviour'), 'ONLY_FOR_DISHONESTY', `${fieldOf(i, 'seriousBehaviour')} applies to dishonesty records only (001 Art. 26)`);
  if (today !== null) checkRecordDates(r, i, today);
  checkItem(r, i);
}

/**
 * A provider record id names one record of its provider, whichever subgraph holds it: sent for the other
 * subject type it would be a second record, the first one staying in force.
 */
export function otherSubjectType(i: number, r: RecordInput, heldAs: RecordInput['subjectType']): RuleViolation {
  return new RuleViolation(`records[${i}].subjectType`, 'SUBJECT_TYPE_CHANGED', `providerRecordId ${r.providerRecordId} of ${r.provider} names a ${heldAs} record: a record cannot change its subject type; withdraw that record and submit this one under a new providerRecordId`);
}

export function checkBatchSize(records: readonly unknown[]): void {
  if (records.length > MAX_RECORDS_PER_SUBMISSION) {
    throw new RuleViolation('records', 'BATCH_TOO_LARGE', `at most ${MAX_RECORDS_PER_SUBMISSION} records per submission`, 'BATCH_TOO_LARGE');
  }
}

/** Per record, in input order: the rule it breaks, or null. The second record under one provider key is a duplicate. */
export function recordViolations(records: RecordInput[], today: string | null): (RuleViolation | null)[] {
  checkBatchSize(records);
  const seen = new Set<string>();
  return records.map((r, i) => {
    try {
      checkRecordInput(r, i, today);
    } catch (e) {
      if (e instanceof RuleViolation) return e;
      throw e;
    }
    const key = providerKey(r);
    if (seen.has(key)) return new RuleViolation(`records[${i}].providerRecordId`, 'DUPLICATE_IN_BATCH', `records[${i}].providerRecordId appears twice in this submission`);
    seen.add(key);
    return null;
  });
}

/** All or nothing: throws the first record's RuleViolation. */
export function validateRecordInputs(records: RecordInput[], today: string | null): void {
  const first = recordViolations(records, today).find((v) => v !== null);
  if (first) throw first;
}
