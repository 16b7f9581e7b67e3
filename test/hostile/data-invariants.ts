import { isDeepStrictEqual } from 'node:util';
import { KEY_ALIAS, ROW_KEYS, TYPENAME_ALIAS } from './api-schema';
import { dataOf, errorsOf, type Finding } from './answer-invariants';
import type { Caller } from './callers';
import { mayRead, mayUse, rowRuleBroken } from './grants';
import type { FieldNode, SelectionSet } from './operations';
import type { Rows } from './rows';

// Invariants on the data, walked along the generated selection: every selected key is there; no
// non-null value where the caller's grants do not reach; no non-public value about a row the row
// rules keep from it; no unpublished list entry without lists:read and a purpose.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Walk { caller: Caller; rows: Rows; out: Finding[] }

/** How much guarded data the oracle saw and let through: a run that saw none proved nothing. */
export const coverage = { guardedValues: 0, rowRuledValues: 0 };

const add = (w: Walk, invariant: string, detail: string, message: string): void => void w.out.push({ invariant, detail, message });

async function walkValue(w: Walk, set: SelectionSet, value: Json, subject: string | null, path: string): Promise<void> {
  if (value === null) return;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) await walkValue(w, set, item, subject, `${path}.${i}`);
    return;
  }
  if (typeof value !== 'object') return add(w, 'shape', set.type, `${path} is ${JSON.stringify(value)}, not an object of ${set.type}`);
  const typeName = value[TYPENAME_ALIAS];
  if (typeof typeName !== 'string') return add(w, 'missing-key', `${set.type}.__typename`, `${path} has no ${TYPENAME_ALIAS}: ${JSON.stringify(value).slice(0, 200)}`);
  let here = subject;
  if (ROW_KEYS[typeName]) {
    const key = value[KEY_ALIAS];
    if (typeof key !== 'string') return add(w, 'missing-key', `${typeName}.${ROW_KEYS[typeName]}`, `${path} has no row key: ${JSON.stringify(value).slice(0, 200)}`);
    const row = await w.rows.of(typeName, key);
    here = row.subject;
    if (row.published === false && !mayUse(w.caller, 'lists:read')) add(w, 'unpublished-entry', typeName, `${path} is the unpublished list entry ${key}`);
  }
  const branches = set.branches.filter((b) => b.on === typeName);
  const nodes = [...set.fields.map((node) => ({ node, reqs: node.reqs })), ...branches.flatMap((b) => b.fields.map((node) => ({ node, reqs: [...b.reqs, ...node.reqs] })))];
  for (const { node, reqs } of nodes) await walkField(w, node, reqs, value, here, path);
}

async function walkField(w: Walk, node: FieldNode, reqs: FieldNode['reqs'], parent: { [key: string]: Json }, subject: string | null, path: string): Promise<void> {
  const at = `${path}.${node.key}`;
  const coordinate = `${node.parent}.${node.field}`;
  if (!(node.key in parent)) return add(w, 'missing-key', coordinate, `${at} (${coordinate}) is missing from ${JSON.stringify(parent).slice(0, 200)}`);
  const value = parent[node.key];
  if (value === null || value === undefined) return;
  if (!mayRead(w.caller, reqs, node.parent === 'Mutation')) return add(w, 'forbidden-value', coordinate, `${at} (${coordinate}) = ${JSON.stringify(value).slice(0, 120)} though the matrix does not grant it`);
  const rule = reqs.length && subject ? rowRuleBroken(w.caller, subject) : null;
  if (rule) return add(w, 'row-rule', `${rule} ${coordinate}`, `${at} (${coordinate}) = ${JSON.stringify(value).slice(0, 120)} is non-public data about ${subject}`);
  if (reqs.length) coverage.guardedValues++;
  if (reqs.length && subject && ['ASSOCIATION', 'SUBJECT'].includes(w.caller.client.kind)) coverage.rowRuledValues++;
  if (node.children) await walkValue(w, node.children, value, subject, at);
}

/** Findings in the data of every body of the answer (a batched body has one per element). */
export async function dataFindings(caller: Caller, root: SelectionSet, json: unknown, rows: Rows): Promise<Finding[]> {
  const w: Walk = { caller, rows, out: [] };
  for (const data of dataOf(json)) {
    if (typeof data !== 'object' || Array.isArray(data)) {
      add(w, 'shape', 'data', `data is ${String(JSON.stringify(data)).slice(0, 100)}`);
      continue;
    }
    for (const node of root.fields) await walkField(w, node, node.reqs, data as { [key: string]: Json }, null, 'data');
  }
  return w.out;
}

/** Codes and paths of the errors, as a set: what the two spellings of one selection must share. */
const errorShape = (json: unknown) => [...new Set(errorsOf(json).map((e) => `${String(e.extensions?.code)}@${(e.path ?? []).join('.')}`))].sort();

/** The access log grows with every answer (the first spelling's disclosure is logged before the second is asked), and each credit report has its own number, id and time: not compared. */
function withoutAccessLogs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutAccessLogs);
  if (!v || typeof v !== 'object') return v;
  if ((v as Record<string, unknown>)[TYPENAME_ALIAS] === 'AccessLogConnection') return 'an access log';
  if ((v as Record<string, unknown>)[TYPENAME_ALIAS] === 'CreditReport') return 'a credit report';
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutAccessLogs(x)]));
}

/** The same selection spelled two ways answers the same data and the same errors. */
export function sameAnswer(root: SelectionSet, hostile: unknown, plain: unknown): Finding[] {
  const a = withoutAccessLogs(dataOf(hostile)[0] ?? {}) as Record<string, unknown>;
  const b = withoutAccessLogs(dataOf(plain)[0] ?? {}) as Record<string, unknown>;
  const differs = root.fields.find((n) => !isDeepStrictEqual(a[n.key], b[n.key]));
  if (differs) {
    const show = (d: Record<string, unknown>) => String(JSON.stringify(d[differs.key])).slice(0, 400);
    return [{ invariant: 'spelling-changes-answer', detail: `${differs.parent}.${differs.field}`, message: `${differs.key}, hostile spelling: ${show(a)} ${errorShape(hostile).join(' ')}\n${differs.key}, plain spelling:   ${show(b)} ${errorShape(plain).join(' ')}` }];
  }
  // A request refused as a whole may name its errors in a different phase; an executed one may not.
  if (dataOf(hostile).length && !isDeepStrictEqual(errorShape(hostile), errorShape(plain))) {
    return [{ invariant: 'spelling-changes-answer', detail: 'errors', message: `hostile spelling errors: ${errorShape(hostile).join(' ')}\nplain spelling errors:   ${errorShape(plain).join(' ')}` }];
  }
  return [];
}
