import type { DataSource } from 'typeorm';
import type { Caller } from '../protocol/caller';
import { ErrorCode, RuleViolation } from '../protocol/errors';
import { applyRecordDecision } from './decision';
import { CreditRecordEntity } from './entity';
import { isQueryable } from './query-period';
import { requireText } from '../server/validate';

/**
 * 001 Art. 32 ¶3: a penalty revoked on administrative reconsideration or appeal is deleted. The providing
 * unit withdraws its own record (the platform any); it leaves every read, count, grade and publication.
 * Each person subgraph keeps its own records, so each offers the mutation for them.
 */
export async function withdrawCreditRecord(db: DataSource, caller: Caller, id: string, reason: string, today: string, subjects: 'legal-person' | 'natural-person'): Promise<boolean> {
  requireText('reason', reason, 500);
  const row = await db.getRepository(CreditRecordEntity).findOneBy({ id });
  // Removed or past the query period: unknown, as to every read (001 Art. 30).
  if (!row || !isQueryable(row, today)) throw new RuleViolation('id', 'CREDIT_RECORD_NOT_FOUND', `no ${subjects} credit record ${id} in force`, ErrorCode.NOT_FOUND);
  if (caller.kind !== 'ADMIN' && caller.org !== row.provider) throw new RuleViolation('id', 'OWN_PROVIDER_ONLY', `record ${id} was provided by ${row.provider}; only its provider withdraws it`, ErrorCode.FORBIDDEN);
  return applyRecordDecision(db, { id, effect: 'WITHDRAWN', on: today });
}
