import type { Connection } from 'mysql2/promise';
import type { RecordInput } from '../kit/credit-records/input';
import type { CreditRecordRow } from '../kit/credit-records/entity';
import type { LineReject } from '../kit/credit-records/import-line';
import { recordRow } from '../kit/credit-records/write';

// The bulk import's legal-person step (npm run import): a record is stored only about a registered company.

/** Known USCCs, asked of the database once each (the import's subject lookup cache). */
export class SubjectCache {
  private readonly known = new Map<string, boolean>();
  constructor(private readonly conn: Connection, private readonly max = 2_000_000) {}

  async resolve(usccs: Iterable<string>): Promise<void> {
    const missing = [...new Set(usccs)].filter((u) => !this.known.has(u));
    if (this.known.size + missing.length > this.max) this.known.clear();
    for (let i = 0; i < missing.length; i += 5_000) {
      const slice = missing.slice(i, i + 5_000);
      const [rows] = await this.conn.query('SELECT uscc FROM legal_person WHERE uscc IN (?)', [slice]);
      const found = new Set((rows as { uscc: string }[]).map((r) => r.uscc));
      for (const u of slice) this.known.set(u, found.has(u));
    }
  }

  has(uscc: string): boolean {
    return this.known.get(uscc) === true;
  }
}

/** The rows of the lines about registered companies; the others are rejected UNKNOWN_SUBJECT. */
export async function legalPersonRows(good: { line: number; input: RecordInput }[], subjects: SubjectCache, rejects: LineReject[]): Promise<CreditRecordRow[]> {
  await subjects.resolve(good.map((g) => g.input.subjectId));
  const rows: CreditRecordRow[] = [];
  for (const { line, input } of good) {
    if (subjects.has(input.subjectId)) rows.push(recordRow(input, input.subjectId));
    else rejects.push({ line, field: 'subjectId', rule: 'UNKNOWN_SUBJECT', message: `no legal person ${input.subjectId} is registered` });
  }
  return rows;
}
