import type { RecordInput } from '../kit/credit-records/input';
import type { CreditRecordRow } from '../kit/credit-records/entity';
import type { LineReject } from '../kit/credit-records/import-line';
import type { KnownKeys } from '../kit/credit-records/known-keys';
import { recordRow } from '../kit/credit-records/write';

// The bulk import's legal-person step (npm run import): a record is stored only about a registered company.

/** The rows of the lines about registered companies; the others are rejected UNKNOWN_SUBJECT. */
export async function legalPersonRows(good: { line: number; input: RecordInput }[], subjects: KnownKeys, rejects: LineReject[]): Promise<CreditRecordRow[]> {
  await subjects.resolve(good.map((g) => g.input.subjectId));
  const rows: CreditRecordRow[] = [];
  for (const { line, input } of good) {
    if (subjects.has(input.subjectId)) rows.push(recordRow(input, input.subjectId));
    else rejects.push({ line, field: 'subjectId', rule: 'UNKNOWN_SUBJECT', message: `no legal person ${input.subjectId} is registered` });
  }
  return rows;
}
