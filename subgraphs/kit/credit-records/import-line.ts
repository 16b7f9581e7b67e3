import { RuleViolation } from '../protocol/errors';
import { PENALTY_TIERS } from './entity';
import { checkRecordInput, type RecordInput } from './input';

// One line of a bulk import (npm run import) as a CreditRecordInput, checked by the same rules as
// submitCreditRecords. Both person subgraphs' import steps start from what this returns.

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
  if (r.penaltyTier != null && !PENALTY_TIERS.includes(r.penaltyTier)) throw new RuleViolation('penaltyTier', 'ENUM', `penaltyTier is ${PENALTY_TIERS.join(', ')}`);
  return r;
}

export interface CheckedLines {
  good: { line: number; input: RecordInput }[];
  rejects: LineReject[];
}

/** Every line checked on its own; `seen` (providerRecordId → line) spans the chunk when it is checked in parts. */
export function checkImportLines(lines: ImportLine[], provider: string, today: string, seen = new Map<string, number>()): CheckedLines {
  const out: CheckedLines = { good: [], rejects: [] };
  for (const { line, value, parseError } of lines) {
    if (!value) {
      out.rejects.push({ line, field: '(line)', rule: 'PARSE', message: parseError ?? 'unreadable line' });
      continue;
    }
    try {
      const input = asRecordInput(value, provider);
      checkRecordInput(input, 0, today);
      input.subjectId = input.subjectId.toUpperCase();
      // A chunk is the import's batch: a record twice in one is refused as in submitCreditRecords (in a
      // later chunk the same record is a correction, UPDATED or UNCHANGED).
      if (seen.has(input.providerRecordId)) throw new RuleViolation('providerRecordId', 'DUPLICATE_IN_BATCH', `providerRecordId ${input.providerRecordId} is on line ${seen.get(input.providerRecordId)} of the same chunk`);
      seen.set(input.providerRecordId, line);
      out.good.push({ line, input });
    } catch (e) {
      if (!(e instanceof RuleViolation)) throw e;
      out.rejects.push(lineReject(line, e));
    }
  }
  return out;
}

export const lineReject = (line: number, e: RuleViolation): LineReject => ({ line, field: e.field.replace(/^records\[0\]\./, ''), rule: e.rule, message: e.message.replace(/records\[0\]\./g, '') });
