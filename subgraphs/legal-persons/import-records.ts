import type { Connection } from 'mysql2/promise';
import { RuleViolation } from '../kit/protocol/errors';
import { checkRecordInput, type RecordInput } from '../kit/credit-records/input';
import type { CreditRecordRow } from '../kit/credit-records/entity';
import { recordRow } from '../kit/credit-records/write';
import { upsertRecordRows, upsertStatements, type UpsertCounts } from '../kit/credit-records/bulk-upsert';

// The bulk import of one providing unit's legal-person records (npm run import): the same rules as
// submitCreditRecords, line by line; a rejected line writes nothing and is reported with its rule.

export interface ImportLine {
  line: number;
  value: Record<string, unknown> | null;
  parseError: string | null;
}

export interface LineReject {
  line: number;
  field: string;
  rule: string;
  message: string;
}

const TEXT = ['subjectType', 'subjectId', 'category', 'sourceDepartment', 'title', 'content', 'decidedOn', 'providerRecordId'] as const;
const OPTIONAL_TEXT = ['subjectName', 'decisionNumber', 'behaviourEndedOn', 'decisionKind', 'penaltyTier', 'seriousBehaviour', 'item', 'publishedOn', 'provider'] as const;

/** The line as a CreditRecordInput, its types checked the way GraphQL would check them. */
function asRecordInput(v: Record<string, unknown>, provider: string): RecordInput {
  for (const f of TEXT) if (typeof v[f] !== 'string') throw new RuleViolation(f, 'REQUIRED', `${f} must be a string`);
  for (const f of OPTIONAL_TEXT) if (v[f] != null && typeof v[f] !== 'string') throw new RuleViolation(f, 'TYPE', `${f} must be a string`);
  for (const f of ['public', 'dishonest']) if (typeof v[f] !== 'boolean') throw new RuleViolation(f, 'BOOLEAN', `${f} must be true or false`);
  if (v.subjectType !== 'LEGAL_PERSON' && v.subjectType !== 'NATURAL_PERSON') throw new RuleViolation('subjectType', 'ENUM', 'subjectType is LEGAL_PERSON or NATURAL_PERSON');
  // The parsed line is ours: completed in place rather than copied.
  v.provider ??= provider;
  v.decisionKind ??= 'OTHER';
  const r = v as unknown as RecordInput;
  // A providing unit imports under its own org code (as submitCreditRecords: OWN_PROVIDER_ONLY).
  if (r.provider !== provider) throw new RuleViolation('provider', 'OWN_PROVIDER_ONLY', `provider must be the importing unit ${provider}`);
  if (!['LICENSING', 'PENALTY', 'OTHER'].includes(r.decisionKind!)) throw new RuleViolation('decisionKind', 'ENUM', 'decisionKind is LICENSING, PENALTY or OTHER');
  return r;
}

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

export interface PreparedChunk {
  rows: number;
  statements: { sql: string; rows: number }[];
  rejects: LineReject[];
}

/** Checks every line; the good ones become rows to upsert, the others rejects naming line, field and rule. */
export async function prepareLines(lines: ImportLine[], provider: string, subjects: SubjectCache): Promise<PreparedChunk> {
  const rejects: LineReject[] = [];
  const good: { line: number; input: RecordInput }[] = [];
  for (const { line, value, parseError } of lines) {
    if (!value) {
      rejects.push({ line, field: '(line)', rule: 'PARSE', message: parseError ?? 'unreadable line' });
      continue;
    }
    try {
      const input = asRecordInput(value, provider);
      checkRecordInput(input, 0);
      if (input.subjectType === 'NATURAL_PERSON') throw new RuleViolation('subjectType', 'NATURAL_PERSON_BY_MUTATION', 'natural-person records are submitted with submitCreditRecords; the bulk import loads legal-person records');
      input.subjectId = input.subjectId.toUpperCase();
      good.push({ line, input });
    } catch (e) {
      if (!(e instanceof RuleViolation)) throw e;
      rejects.push({ line, field: e.field.replace(/^records\[0\]\./, ''), rule: e.rule, message: e.message.replace(/records\[0\]\./g, '') });
    }
  }
  await subjects.resolve(good.map((g) => g.input.subjectId));
  const rows: CreditRecordRow[] = [];
  for (const { line, input } of good) {
    if (subjects.has(input.subjectId)) rows.push(recordRow(input, input.subjectId));
    else rejects.push({ line, field: 'subjectId', rule: 'UNKNOWN_SUBJECT', message: `no legal person ${input.subjectId} is registered` });
  }
  return { rows: rows.length, statements: upsertStatements(rows), rejects };
}

/** One chunk, one transaction: committed whole or not at all. */
export async function writeChunk(conn: Connection, statements: PreparedChunk['statements']): Promise<UpsertCounts> {
  await conn.beginTransaction();
  try {
    const counts = await upsertRecordRows(conn, statements);
    await conn.commit();
    return counts;
  } catch (e) {
    await conn.rollback().catch(() => undefined);
    throw e;
  }
}
