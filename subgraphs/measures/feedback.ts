import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Caller, ClientKind } from '../kit/protocol/caller';
import { ErrorCode, RuleViolation } from '../kit/protocol/errors';
import { isIsoDate } from '../kit/credit-records/input';
import { FeedbackEntity, type FeedbackRow } from './entities';
import type { Catalogue } from './store';
import { requireText } from '../kit/server/validate';
import { onceMoreOnLostRace } from '../kit/server/duplicate-key';

// The feedback half of the loop (000 序号10, 23; 002 四(二)): implementing units report what they did
// with a measure; the initiating department and the credit authority read it.

export const FEEDBACK_OUTCOMES = ['APPLIED', 'NOT_APPLICABLE', 'NOT_APPLIED'] as const;
/** Units that apply measures in their own business: departments, courts, industry associations. */
const IMPLEMENTERS: readonly ClientKind[] = ['DEPARTMENT', 'COURT', 'ASSOCIATION', 'ADMIN'];

export interface FeedbackInput {
  idempotencyKey: string;
  listEntryId: string;
  measureId: string;
  outcome: (typeof FEEDBACK_OUTCOMES)[number];
  businessMatter: string;
  reason?: string | null;
  appliedOn: string;
}

/** Only the initiator (the entry's listedBy) and ADMIN see feedback on a list entry (000 序号23). */
export function canSeeFeedback(caller: Caller, listedBy: string | null | undefined): boolean {
  return caller.kind === 'ADMIN' || (!!caller.org && !!listedBy && caller.org === listedBy);
}

export function implementerOf(caller: Caller): string {
  if (!IMPLEMENTERS.includes(caller.kind)) {
    throw new RuleViolation('caller', 'NOT_AN_IMPLEMENTER', `a ${caller.kind} caller does not implement measures; only departments, courts, industry associations and administrators report feedback`, ErrorCode.FORBIDDEN);
  }
  const org = caller.org ?? (caller.kind === 'ADMIN' ? caller.clientId : null);
  if (!org) throw new RuleViolation('caller', 'ORG_REQUIRED', 'the calling unit has no organization code', ErrorCode.FORBIDDEN);
  return org;
}


/** Checks everything that needs no database; returns the normalized values. */
export function validateFeedback(input: FeedbackInput, today: string): Omit<FeedbackRow, 'id' | 'implementerOrg' | 'initiatorOrg' | 'recordedBy' | 'recordedAt'> {
  const idempotencyKey = requireText('input.idempotencyKey', input.idempotencyKey, 128);
  const listEntryId = requireText('input.listEntryId', input.listEntryId, 64);
  const measureId = requireText('input.measureId', input.measureId, 16);
  const businessMatter = requireText('input.businessMatter', input.businessMatter, 200);
  if (!FEEDBACK_OUTCOMES.includes(input.outcome)) throw new RuleViolation('input.outcome', 'ENUM', 'input.outcome is not a feedback outcome');
  const reason = input.reason?.trim() ? requireText('input.reason', input.reason, 2000) : null;
  // A measure not applied needs its reason, for the initiator to follow up ("奖惩到位", 000 序号29).
  if (input.outcome === 'NOT_APPLIED' && !reason) throw new RuleViolation('input.reason', 'REASON_REQUIRED', 'input.reason is required when the outcome is NOT_APPLIED');
  if (!isIsoDate(input.appliedOn)) throw new RuleViolation('input.appliedOn', 'ISO_DATE', `input.appliedOn "${input.appliedOn}" must be a date YYYY-MM-DD`);
  if (input.appliedOn > today) throw new RuleViolation('input.appliedOn', 'DATE_IN_FUTURE', `input.appliedOn ${input.appliedOn} is after today (${today})`);
  return { idempotencyKey, listEntryId, measureId, outcome: input.outcome, businessMatter, reason, appliedOn: input.appliedOn };
}

const COMPARED = ['listEntryId', 'measureId', 'outcome', 'businessMatter', 'reason', 'appliedOn'] as const;

function sameContent(stored: FeedbackRow, fresh: Pick<FeedbackRow, (typeof COMPARED)[number]>): boolean {
  return COMPARED.every((k) => (stored[k] ?? null) === (fresh[k] ?? null));
}

function reused(key: string): RuleViolation {
  return new RuleViolation('input.idempotencyKey', 'IDEMPOTENCY_KEY_REUSED', `idempotency key "${key}" was already used for different feedback`);
}

/**
 * Stores one feedback, idempotent on (implementer org, idempotency key): the same key with the same
 * content returns the stored row and writes nothing; with other content it is refused.
 */
export async function recordFeedback(
  db: DataSource,
  catalogue: Catalogue,
  caller: Caller,
  input: FeedbackInput,
  today: string,
  /** Checks the entry exists and may be fed back on; returns its initiating department when known. */
  requireTarget: (listEntryId: string) => Promise<string | null | void>,
): Promise<FeedbackRow> {
  const implementerOrg = implementerOf(caller);
  const values = validateFeedback(input, today);
  const initiatorOrg = (await requireTarget(values.listEntryId)) ?? null;
  const repo = db.getRepository(FeedbackEntity);
  const attempt = async (): Promise<FeedbackRow> => {
    const existing = await repo.findOneBy({ implementerOrg, idempotencyKey: values.idempotencyKey });
    if (existing) {
      if (sameContent(existing, values)) return existing;
      throw reused(values.idempotencyKey);
    }
    if (!catalogue.byId.has(values.measureId)) throw new RuleViolation('input.measureId', 'UNKNOWN_MEASURE', `no measure ${values.measureId} in the catalogue`);
    // Whole seconds: what a MySQL DATETIME keeps, so a replay answers exactly what the first call did.
    const recordedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const row: FeedbackRow = { id: randomUUID(), implementerOrg, initiatorOrg, ...values, recordedBy: caller.clientId, recordedAt };
    await repo.insert(row);
    return row;
  };
  // A concurrent request with the same key may win the unique index; the second attempt then finds it.
  return onceMoreOnLostRace(attempt);
}
