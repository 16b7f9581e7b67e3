import { batchTooLarge } from './errors';

// Batch credit checks (001: 80,000 fintech firms, 20,000+ suppliers per quarter) arrive in pages of this size.
export const MAX_SUBJECTS_PER_QUERY = 10_000;

/** Records in one submitCreditRecords call, and (the gateway sums aliases) in one operation. */
export const MAX_RECORDS_PER_SUBMISSION = 10_000;

export function checkBatch(field: string, items: readonly unknown[], max = MAX_SUBJECTS_PER_QUERY): void {
  if (items.length > max) throw batchTooLarge(field, items.length, max);
}
