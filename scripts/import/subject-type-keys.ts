import type { Connection } from 'mysql2/promise';
import { otherSubjectType, type RecordInput } from '../../subgraphs/kit/credit-records/input';
import { lineReject, type LineReject } from '../../subgraphs/kit/credit-records/import-line';
import { ROWS_PER_STATEMENT } from '../../subgraphs/kit/credit-records/bulk-upsert';
import { inChunks } from '../../subgraphs/kit/server/loaders';

// A provider record id names one record of its provider, in whichever person database holds it, as
// submitCreditRecords enforces: a line for the other subject type than the stored record is refused.
// A person's record submitted through the API may still be in legal-persons' outbox: its key is in
// legal-persons' forwarded_record_key. A company-record import of a provider neither holds anything of asks nothing.

type Good = { line: number; input: RecordInput };
type SubjectType = RecordInput['subjectType'];

export class SubjectTypeKeys {
  /** The chunk being written while the next is checked: its rows are not committed yet. */
  private writing = new Map<string, SubjectType>();

  private constructor(private readonly dbs: Record<SubjectType, Connection | null>, private readonly provider: string, private personsMayHold: boolean, private readonly forwardedMayHold: boolean) {}

  static async open(legal: Connection, natural: Connection | null, provider: string): Promise<SubjectTypeKeys> {
    const any = async (db: Connection | null, table: string) => !!db && ((await db.query(`SELECT 1 FROM ${table} WHERE provider = ? LIMIT 1`, [provider]))[0] as unknown[]).length > 0;
    return new SubjectTypeKeys({ LEGAL_PERSON: legal, NATURAL_PERSON: natural }, provider, await any(natural, 'credit_record'), await any(legal, 'forwarded_record_key'));
  }

  /** The lines whose key is not a record of the other subject type; the others go to `rejects`. */
  async check(good: Good[], rejects: LineReject[]): Promise<Good[]> {
    const inTable = async (db: Connection | null, table: string, keys: string[]): Promise<string[]> => {
      if (!keys.length || !db) return [];
      const rows = await inChunks(keys, async (chunk) => (await db.query(`SELECT provider_record_id AS k FROM ${table} WHERE provider = ? AND provider_record_id IN (?)`, [this.provider, chunk]))[0] as { k: string }[], ROWS_PER_STATEMENT);
      return rows.map((r) => r.k);
    };
    const heldAs = async (type: SubjectType, keys: string[]): Promise<Set<string>> => {
      if (type === 'LEGAL_PERSON') return new Set(await inTable(this.dbs.LEGAL_PERSON, 'credit_record', keys));
      const [stored, forwarded] = await Promise.all([
        this.personsMayHold ? inTable(this.dbs.NATURAL_PERSON, 'credit_record', keys) : [],
        this.forwardedMayHold ? inTable(this.dbs.LEGAL_PERSON, 'forwarded_record_key', keys) : [],
      ]);
      return new Set([...stored, ...forwarded]);
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
