import type { Connection } from 'mysql2/promise';
import { otherSubjectType, type RecordInput } from '../../subgraphs/kit/credit-records/input';
import { lineReject, type LineReject } from '../../subgraphs/kit/credit-records/import-line';
import { ROWS_PER_STATEMENT } from '../../subgraphs/kit/credit-records/bulk-upsert';
import { inChunks } from '../../subgraphs/kit/server/loaders';

// A provider record id names one record of its provider, in whichever person database holds it, as
// submitCreditRecords enforces: a line for the other subject type than the stored record is refused.
// A company-record import of a provider natural-persons holds nothing of asks natural-persons nothing.

type Good = { line: number; input: RecordInput };
type SubjectType = RecordInput['subjectType'];

export class SubjectTypeKeys {
  /** The chunk being written while the next is checked: its rows are not committed yet. */
  private writing = new Map<string, SubjectType>();

  private constructor(private readonly dbs: Record<SubjectType, Connection | null>, private readonly provider: string, private personsMayHold: boolean) {}

  static async open(legal: Connection, natural: Connection | null, provider: string): Promise<SubjectTypeKeys> {
    const held = natural ? ((await natural.query('SELECT 1 FROM credit_record WHERE provider = ? LIMIT 1', [provider]))[0] as unknown[]).length > 0 : false;
    return new SubjectTypeKeys({ LEGAL_PERSON: legal, NATURAL_PERSON: natural }, provider, held);
  }

  /** The lines whose key is not a record of the other subject type; the others go to `rejects`. */
  async check(good: Good[], rejects: LineReject[]): Promise<Good[]> {
    const heldAs = async (type: SubjectType, keys: string[]): Promise<Set<string>> => {
      const db = this.dbs[type];
      if (!keys.length || !db || (type === 'NATURAL_PERSON' && !this.personsMayHold)) return new Set();
      const rows = await inChunks(keys, async (chunk) => (await db.query('SELECT provider_record_id AS k FROM credit_record WHERE provider = ? AND provider_record_id IN (?)', [this.provider, chunk]))[0] as { k: string }[], ROWS_PER_STATEMENT);
      return new Set(rows.map((r) => r.k));
    };
    const keysOf = (type: SubjectType) => good.filter((g) => g.input.subjectType === type).map((g) => g.input.providerRecordId);
    const [asCompany, asPerson] = await Promise.all([heldAs('LEGAL_PERSON', keysOf('NATURAL_PERSON')), heldAs('NATURAL_PERSON', keysOf('LEGAL_PERSON'))]);
    const kept = good.filter((g) => {
      const other: SubjectType = g.input.subjectType === 'LEGAL_PERSON' ? 'NATURAL_PERSON' : 'LEGAL_PERSON';
      const held = (other === 'LEGAL_PERSON' ? asCompany : asPerson).has(g.input.providerRecordId) || this.writing.get(g.input.providerRecordId) === other;
      if (held) rejects.push(lineReject(g.line, otherSubjectType(0, g.input, other)));
      return !held;
    });
    this.writing = new Map(kept.map((g) => [g.input.providerRecordId, g.input.subjectType]));
    if (kept.some((g) => g.input.subjectType === 'NATURAL_PERSON')) this.personsMayHold = true;
    return kept;
  }
}
