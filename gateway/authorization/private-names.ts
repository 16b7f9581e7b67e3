import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
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

/** The planned response with the client's response keys, in the same order. */
export function toClientData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(toClientData) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Obj = {};
  for (const [key, v] of Object.entries(value as Obj)) out[clientKey(key)] = toClientData(v);
  return out as T;
}

/** Errors whose paths name private keys, re-pathed in the client's keys (the rest are returned as they are). */
export function toClientErrors(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.map((e) => {
    if (!e.path?.some((p) => typeof p === 'string' && p !== clientKey(p))) return e;
    const path = e.path.map((p) => (typeof p === 'string' ? clientKey(p) : p));
    return new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path, originalError: e.originalError, extensions: e.extensions });
  });
}
