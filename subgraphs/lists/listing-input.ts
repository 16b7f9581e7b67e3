import { ruleName, usccRuleBroken } from '../kit/protocol/codes';
import { RuleViolation } from '../kit/protocol/errors';
import { requireIsoDate } from '../kit/credit-records/input';
import { noticeRuleBroken } from './rules/notice-before-black';
import { defaultPeriodEnd, periodRuleBroken, seriousBehaviourFor, type PeriodPolicy } from './rules/periods';
import { isSeriousBehaviour } from '../kit/protocol/serious-behaviour';
import { NATURAL_PERSON_ID } from '../kit/protocol/pseudonym';

// Everything in a listing is checked before anything is written (a rejected mutation writes nothing).
// Field names in errors are the argument paths, e.g. input.subjectId.

export interface ListSubjectInput {
  subjectType: 'LEGAL_PERSON' | 'NATURAL_PERSON';
  subjectId: string;
  listType: 'RED' | 'BLACK' | 'KEY_ATTENTION';
  domain: string;
  basis: string;
  decidedOn: string;
  periodEndsOn?: string | null;
  noticeServedOn?: string | null;
  standard?: 'NATIONAL' | 'LOCAL' | null;
  published?: boolean | null;
  seriousBehaviour?: string | null;
  recordIds?: string[] | null;
}

type Settled = Required<{ [K in keyof ListSubjectInput]: NonNullable<ListSubjectInput[K]> }>;
/** A listing after validation: period defaulted, standard, publication and Art. 26 category settled. */
export type Listing = Omit<Settled, 'noticeServedOn' | 'seriousBehaviour' | 'recordIds'> & { noticeServedOn: string | null; seriousBehaviour: string | null; recordIds: string | null };

const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_LISTING_RECORDS = 50;

/** The credit records a listing rests on, as stored (JSON array, de-duplicated) or null. */
export function checkRecordIds(ids: readonly string[] | null | undefined): string | null {
  if (!ids || ids.length === 0) return null;
  if (ids.length > MAX_LISTING_RECORDS) throw new RuleViolation('input.recordIds', 'MAX_ITEMS', `input.recordIds names at most ${MAX_LISTING_RECORDS} records`);
  const bad = ids.findIndex((id) => !RECORD_ID.test(id));
  if (bad >= 0) throw new RuleViolation(`input.recordIds[${bad}]`, 'ID_FORMAT', `input.recordIds[${bad}] is not a credit record id`);
  return JSON.stringify([...new Set(ids)]);
}

/** NaturalPerson.id: 'np_' + 22 base64url characters (kit/pseudonym). An id number is never accepted here. */
const DOMAIN = /^[a-z][a-z0-9-]{1,31}$/;

import { requirePastOrToday, requireText } from '../kit/server/validate';

export { requirePastOrToday, requireText };

export function subjectIdRuleBroken(subjectType: string, subjectId: string): string | null {
  if (subjectType === 'NATURAL_PERSON') return NATURAL_PERSON_ID.test(subjectId) ? null : 'NATURAL_PERSON_ID';
  const rule = usccRuleBroken(subjectId);
  return rule && ruleName('USCC', rule);
}

export function validateListing(input: ListSubjectInput, policy: PeriodPolicy, today: string): Listing {
  const subjectId = input.subjectType === 'LEGAL_PERSON' ? input.subjectId.trim().toUpperCase() : input.subjectId.trim();
  const idRule = subjectIdRuleBroken(input.subjectType, subjectId);
  if (idRule) {
    const what = input.subjectType === 'LEGAL_PERSON' ? 'a valid USCC' : 'a NaturalPerson.id (np_…), never an id number';
    throw new RuleViolation('input.subjectId', idRule, `input.subjectId must be ${what} (${idRule})`);
  }
  if (!DOMAIN.test(input.domain)) throw new RuleViolation('input.domain', 'DOMAIN_FORMAT', 'input.domain must be lower-case words joined by -, e.g. court-enforcement');
  const basis = requireText('input.basis', input.basis, 200);
  requirePastOrToday('input.decidedOn', input.decidedOn, today, 'DECIDED_IN_FUTURE');
  let periodEndsOn = input.periodEndsOn ?? null;
  if (periodEndsOn === null) periodEndsOn = defaultPeriodEnd(policy, input.domain, input.decidedOn);
  else {
    requireIsoDate('input.periodEndsOn', periodEndsOn);
    const rule = periodRuleBroken(policy, input.domain, input.decidedOn, periodEndsOn);
    if (rule) throw new RuleViolation('input.periodEndsOn', rule, `input.periodEndsOn ${periodEndsOn} breaks ${rule} for domain ${input.domain}`);
  }
  const noticeServedOn = input.noticeServedOn ?? null;
  if (noticeServedOn !== null) {
    requireIsoDate('input.noticeServedOn', noticeServedOn);
    const rule = noticeRuleBroken(noticeServedOn, input.decidedOn, today);
    if (rule) throw new RuleViolation('input.noticeServedOn', rule, `input.noticeServedOn ${noticeServedOn} is after ${rule === 'NOTICE_IN_FUTURE' ? `today (${today})` : `the decision (${input.decidedOn}): the party is told before`}`);
  }
  if (input.seriousBehaviour != null && !isSeriousBehaviour(input.seriousBehaviour)) throw new RuleViolation('input.seriousBehaviour', 'ENUM', 'input.seriousBehaviour is not a 001 Art. 26 category');
  return {
    seriousBehaviour: seriousBehaviourFor(policy, input.domain, input.seriousBehaviour),
    recordIds: checkRecordIds(input.recordIds),
    subjectType: input.subjectType, subjectId, listType: input.listType, domain: input.domain, basis,
    decidedOn: input.decidedOn, periodEndsOn, noticeServedOn, standard: input.standard ?? 'NATIONAL', published: input.published ?? true,
  };
}
