import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { QUERY_PURPOSES, type QueryPurpose } from '../kit/protocol/caller';

// The measure catalogue is data (000 序号45; 001 Art. 19): read from YAML, validated here, and every
// error names the file, the line, the entry and key, and the rule it breaks. Never a stack trace.

export const MEASURE_KINDS = ['INCENTIVE', 'PUNISHMENT'] as const;
export const MEASURE_CATEGORIES = ['ADMINISTRATIVE', 'MARKET', 'INDUSTRY', 'SOCIAL', 'SPECIAL', 'INCENTIVE'] as const;
export const LIST_TYPES = ['RED', 'BLACK', 'KEY_ATTENTION'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type ListType = (typeof LIST_TYPES)[number];

export const DEFAULT_CATALOGUE_FILE = process.env.MEASURES_CATALOGUE_FILE ?? join(__dirname, 'catalogue.yaml');

const ID = /^[PI]-(ADM|MKT|IND|SOC|SPC)-\d{2}$/;
const DOMAIN = /^[a-z]+(-[a-z]+)*$/;
const text = (max: number) => z.string().trim().min(1).max(max);
const noRepeats = <T>(items: T[]) => new Set(items).size === items.length;

const MeasureSchema = z.strictObject({
  id: z.string().regex(ID, 'must look like P-ADM-01 (P = punishment, I = incentive; ADM, MKT, IND, SOC or SPC)'),
  kind: z.enum(MEASURE_KINDS),
  mandatory: z.boolean(),
  category: z.enum(MEASURE_CATEGORIES),
  description: text(2000),
  means: text(500),
  legalBasis: text(500),
  memorandum: text(100).nullable().optional(),
  implementingDepartment: text(200),
  listTypes: z.array(z.enum(LIST_TYPES)).min(1).refine(noRepeats, 'lists a value twice'),
  domains: z.array(z.string().regex(DOMAIN, 'must be a lower-case domain such as market-supervision')).refine(noRepeats, 'lists a value twice'),
  purposes: z.array(z.enum(QUERY_PURPOSES)).min(1).refine(noRepeats, 'lists a value twice'),
});

export interface Measure {
  id: string;
  kind: MeasureKind;
  mandatory: boolean;
  category: (typeof MEASURE_CATEGORIES)[number];
  description: string;
  means: string;
  legalBasis: string;
  memorandum: string | null;
  implementingDepartment: string;
  listTypes: ListType[];
  domains: string[];
  purposes: QueryPurpose[];
}

export interface CatalogueFile {
  file: string;
  version: string;
  checksum: string;
  measures: Measure[];
}

export interface CatalogueIssue {
  line: number | null;
  /** e.g. measures[3] (P-ADM-04).category */
  where: string;
  rule: string;
  message: string;
}

export class CatalogueError extends Error {
  constructor(
    readonly file: string,
    readonly issues: CatalogueIssue[],
  ) {
    super(
      [`measure catalogue ${file} is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):`,
        ...issues.map((i) => `  ${file}:${i.line ?? '?'}: ${i.where}: ${i.message} [rule ${i.rule}]`)].join('\n'),
    );
    this.name = 'CatalogueError';
  }
}

const RULE_OF_CODE: Record<string, string> = {
  invalid_value: 'UNKNOWN_ENUM_VALUE',
  unrecognized_keys: 'UNKNOWN_KEY',
  invalid_type: 'TYPE',
  invalid_format: 'FORMAT',
  too_small: 'REQUIRED',
  too_big: 'TOO_LONG',
  custom: 'DUPLICATE_VALUE',
};

function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return counter.linePos(node.range[0]).line;
  }
  return null;
}

function issueText(issue: z.core.$ZodIssue, entry: Record<string, unknown>): { rule: string; message: string } {
  const key = issue.path[0];
  if (issue.path.length === 1 && typeof key === 'string' && !(key in entry)) return { rule: 'REQUIRED', message: 'is missing' };
  if (issue.code === 'invalid_value') {
    const value = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown>)?.[k as PropertyKey], entry);
    return { rule: 'UNKNOWN_ENUM_VALUE', message: `unknown value ${JSON.stringify(value)}; allowed: ${issue.values.join(', ')}` };
  }
  if (issue.code === 'unrecognized_keys') return { rule: 'UNKNOWN_KEY', message: `unknown key(s) ${issue.keys.join(', ')}` };
  return { rule: RULE_OF_CODE[issue.code] ?? 'INVALID', message: issue.message };
}

/** Checks that are about more than one field or more than one entry. */
function crossChecks(m: Measure): { key: string; rule: string; message: string } | null {
  if ((m.kind === 'INCENTIVE') !== (m.category === 'INCENTIVE')) {
    return { key: 'category', rule: 'KIND_CATEGORY_MISMATCH', message: `category ${m.category} does not fit kind ${m.kind} (incentives have category INCENTIVE, punishments one of the punishment kinds)` };
  }
  if ((m.kind === 'INCENTIVE') !== m.id.startsWith('I-')) {
    return { key: 'id', rule: 'ID_KIND_MISMATCH', message: `id ${m.id} must start with ${m.kind === 'INCENTIVE' ? 'I-' : 'P-'} for kind ${m.kind}` };
  }
  return null;
}

/** Parses and validates catalogue text; throws CatalogueError listing every problem found. */
export function parseCatalogue(source: string, file: string): CatalogueFile {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, uniqueKeys: true });
  const issues: CatalogueIssue[] = doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? null, where: 'file', rule: 'YAML_SYNTAX', message: e.message.split('\n')[0] }));
  if (issues.length) throw new CatalogueError(file, issues);
  if (!isMap(doc.contents)) throw new CatalogueError(file, [{ line: 1, where: 'file', rule: 'TYPE', message: 'must be a mapping with the keys version and measures' }]);
  const version = doc.get('version');
  if (typeof version !== 'string' || !version.trim()) issues.push({ line: lineOf(doc, counter, ['version']), where: 'version', rule: 'REQUIRED', message: 'must be a non-empty string' });
  const seq = doc.get('measures', true);
  if (!isSeq(seq) || seq.items.length === 0) {
    issues.push({ line: lineOf(doc, counter, ['measures']), where: 'measures', rule: 'REQUIRED', message: 'must be a non-empty list of measures' });
    throw new CatalogueError(file, issues);
  }
  const raw = (doc.toJS() as { measures: unknown[] }).measures;
  const measures: Measure[] = [];
  const firstIndexOf = new Map<string, number>();
  raw.forEach((entry, i) => {
    const id = typeof (entry as { id?: unknown })?.id === 'string' ? (entry as { id: string }).id : null;
    const where = (key?: string) => `measures[${i}]${id ? ` (${id})` : ''}${key ? `.${key}` : ''}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      issues.push({ line: lineOf(doc, counter, ['measures', i]), where: where(), rule: 'TYPE', message: 'must be a mapping' });
      return;
    }
    const parsed = MeasureSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('');
        issues.push({ line: lineOf(doc, counter, ['measures', i, ...(issue.path as (string | number)[])]), where: where(key || undefined), ...issueText(issue, entry as Record<string, unknown>) });
      }
      return;
    }
    const measure: Measure = { ...parsed.data, memorandum: parsed.data.memorandum ?? null };
    const cross = crossChecks(measure);
    if (cross) issues.push({ line: lineOf(doc, counter, ['measures', i, cross.key]), where: where(cross.key), rule: cross.rule, message: cross.message });
    const first = firstIndexOf.get(measure.id);
    if (first !== undefined) {
      issues.push({ line: lineOf(doc, counter, ['measures', i, 'id']), where: where('id'), rule: 'DUPLICATE_ID', message: `id ${measure.id} is already used by measures[${first}]` });
    } else firstIndexOf.set(measure.id, i);
    measures.push(measure);
  });
  if (issues.length) throw new CatalogueError(file, issues);
  const checksum = createHash('sha256').update(source).digest('hex');
  return { file, version: String(version).trim(), checksum, measures: measures.sort((a, b) => a.id.localeCompare(b.id)) };
}

/** Reads and validates a catalogue file; a missing or unreadable file is a CatalogueError too. */
export function loadCatalogueFile(file: string = DEFAULT_CATALOGUE_FILE): CatalogueFile {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CatalogueError(file, [{ line: null, where: 'file', rule: 'FILE_UNREADABLE', message: (e as Error).message }]);
  }
  return parseCatalogue(source, file);
}
