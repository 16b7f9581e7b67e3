import { GraphQLError, isListType, isNonNullType, type GraphQLOutputType } from 'graphql';
import { ErrorCode } from '../../subgraphs/kit/protocol/errors';
import { TYPENAME_ALIAS, type Removal } from './filter';

// After execution of the filtered operation: put `null` where fields were removed, let a null in a
// non-null position climb to the nearest nullable parent (GraphQL spec 6.4.4), strip our alias.

type Obj = Record<string, unknown>;

/** True when `obj` itself must become null. */
function nullAt(obj: Obj, r: Removal, depth: number): boolean {
  if (depth === r.path.length) {
    if (r.onType && obj[TYPENAME_ALIAS] !== r.onType) return false;
    if (r.key in obj) return false; // selected again elsewhere, authorized there
    if (isNonNullType(r.keyType)) return true;
    obj[r.key] = null;
    inQueryOrder(obj, r.order);
    return false;
  }
  const key = r.path[depth];
  if (obj[key] == null) return false;
  if (valueMustBeNull(obj[key], r.pathTypes[depth], r, depth + 1)) {
    if (isNonNullType(r.pathTypes[depth])) return true;
    obj[key] = null;
  }
  return false;
}

/** Re-inserts the keys in the order the query asked for them (a response is an ordered map). */
function inQueryOrder(obj: Obj, order: string[]): void {
  const values = new Map(Object.entries(obj));
  for (const k of values.keys()) delete obj[k];
  for (const k of order) {
    if (!values.has(k)) continue;
    obj[k] = values.get(k);
    values.delete(k);
  }
  for (const [k, v] of values) obj[k] = v;
}

function valueMustBeNull(value: unknown, type: GraphQLOutputType, r: Removal, depth: number): boolean {
  const t = isNonNullType(type) ? type.ofType : type;
  if (value == null) return false;
  if (isListType(t)) {
    const items = value as unknown[];
    for (let i = 0; i < items.length; i++) {
      if (!valueMustBeNull(items[i], t.ofType, r, depth)) continue;
      if (isNonNullType(t.ofType)) return true;
      items[i] = null;
    }
    return false;
  }
  return nullAt(value as Obj, r, depth);
}

function stripAlias(value: unknown): void {
  if (Array.isArray(value)) value.forEach(stripAlias);
  else if (value && typeof value === 'object') {
    delete (value as Obj)[TYPENAME_ALIAS];
    Object.values(value).forEach(stripAlias);
  }
}

export function restoreNulls(data: Obj | null | undefined, removals: Removal[]): Obj | null {
  if (!data) return data ?? null;
  for (const r of removals) if (r.keyType && nullAt(data, r, 0)) return null;
  if (removals.some((r) => r.onType)) stripAlias(data);
  return data;
}

/** One error per removed place; built once per cached filter result (building a GraphQLError costs a stack trace). */
export function unauthorizedErrors(removals: Removal[]): GraphQLError[] {
  const seen = new Set<string>();
  const errors: GraphQLError[] = [];
  for (const r of removals) {
    if (!r.reported) continue;
    const path = r.keyType ? [...r.path, r.key] : r.path;
    const id = path.join('.') + (r.keyType ? '' : ` ${r.key}`);
    if (seen.has(id)) continue;
    seen.add(id);
    const what = r.keyType ? `field "${path.join('.')}"` : `type fragment "${r.key}" at "${path.join('.') || '(root)'}"`;
    errors.push(new GraphQLError(`Unauthorized ${what}: the caller lacks the scope, policy or authentication it requires`, {
      path, extensions: { code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE },
    }));
  }
  return errors;
}
