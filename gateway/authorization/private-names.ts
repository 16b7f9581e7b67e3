import { GraphQLError, Kind, visit, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { badInput } from '../../subgraphs/kit/protocol/errors';

// The `__` namespace: names starting with `__` are reserved (GraphQL spec 2.1.9 "Names"), so a
// client may not use them as aliases and the gateway uses them for every response key it chooses.
// The planner then sees only field names and private aliases, never a client's spelling.

/** Prefix of the private alias that stands for a client's alias during planning and execution. */
const ALIAS_PREFIX = '__alias_';

export const RESERVED_ALIAS = 'RESERVED_ALIAS';

/** The private response key the planner sees for a client alias. */
export function privateAlias(clientAlias: string): string {
  return ALIAS_PREFIX + clientAlias;
}

/** The client's response key for a key of the planned response (other keys are already the client's). */
export function clientKey(key: string): string {
  return key.startsWith(ALIAS_PREFIX) ? key.slice(ALIAS_PREFIX.length) : key;
}

/** One BAD_USER_INPUT per client alias in the reserved namespace (there is nothing to execute then). */
export function reservedAliasErrors(document: DocumentNode): GraphQLError[] {
  const errors: GraphQLError[] = [];
  visit(document, {
    [Kind.FIELD]: (field) => {
      const alias = field.alias?.value;
      if (!alias?.startsWith('__')) return;
      errors.push(badInput(alias, RESERVED_ALIAS, `alias "${alias}" of field "${field.name.value}" starts with "__": names starting with "__" are reserved (GraphQL spec 2.1.9); choose another alias`));
    },
  });
  return errors;
}

type Obj = Record<string, unknown>;

/** Where a planned response holds private keys: the keys to descend into, and whether this level has any. */
interface Renames {
  here: boolean;
  below: Map<string, Renames>;
}

function renamesOf(set: SelectionSetNode, into: Renames = { here: false, below: new Map() }): Renames {
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) renamesOf(sel.selectionSet, into);
    if (sel.kind !== Kind.FIELD) continue;
    const key = sel.alias?.value ?? sel.name.value;
    into.here ||= key !== clientKey(key);
    if (!sel.selectionSet) continue;
    const inner = renamesOf(sel.selectionSet, into.below.get(key));
    if (inner.here || inner.below.size) into.below.set(key, inner);
  }
  return into;
}

function rename(value: unknown, r: Renames): unknown {
  if (Array.isArray(value)) return value.map((v) => rename(v, r));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Obj;
  for (const [key, inner] of r.below) if (obj[key] != null) obj[key] = rename(obj[key], inner);
  if (!r.here) return obj;
  const out: Obj = {};
  for (const key in obj) out[clientKey(key)] = obj[key]; // same order: a response is an ordered map
  return out;
}

/**
 * For a planned operation, the function that gives its response the client's keys. It visits only
 * the parts of the response where the plan has private keys (renamed in place: the response is ours).
 */
export function clientDataOf(planned: OperationDefinitionNode): <T>(data: T) => T {
  const renames = renamesOf(planned.selectionSet);
  if (!renames.here && !renames.below.size) return (data) => data;
  return (data) => rename(data, renames) as typeof data;
}

/** Errors whose paths name private keys, re-pathed in the client's keys (the rest are returned as they are). */
export function toClientErrors(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.map((e) => {
    if (!e.path?.some((p) => typeof p === 'string' && p !== clientKey(p))) return e;
    const path = e.path.map((p) => (typeof p === 'string' ? clientKey(p) : p));
    return new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path, originalError: e.originalError, extensions: e.extensions });
  });
}
