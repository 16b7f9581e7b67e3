import { getNamedType, isAbstractType, isListType, isNonNullType, isObjectType, type GraphQLField, type GraphQLNamedType, type GraphQLObjectType, type GraphQLType } from 'graphql';
import { today } from '../../subgraphs/kit/calendar/clock';
import { apiSchema } from '../hostile/api-schema';

// Every ListEntry read path of the API schema: each field that returns ListEntry (alone, in a list, or as a
// connection's node), reached from a root field by the shortest path whose arguments argValue can fill. Tests
// that an entry is (or is not) read by a caller walk them all, so a new path to an entry is covered by itself.

export interface Step { parent: GraphQLObjectType; field: GraphQLField<unknown, unknown> }
const possible = (t: GraphQLNamedType): readonly GraphQLObjectType[] => (isAbstractType(t) ? apiSchema.getPossibleTypes(t) : isObjectType(t) ? [t] : []);
const unwrap = (t: GraphQLType): GraphQLType => (isNonNullType(t) ? t.ofType : t);

export interface Values { uscc: string; usccs: string[]; idNumber: string; purpose: string | null; entryId: string; feedStart: string | null }

/** Values for arguments, by argument type then name; a required argument without one makes the field unusable. */
function argValue(field: string, name: string, type: GraphQLType, v: Values): unknown {
  const t = unwrap(type);
  const named = getNamedType(t).name;
  const many = isListType(t);
  if (named === 'USCC') return many ? v.usccs : v.uscc;
  if (named === 'ResidentIdNumber') return many ? [v.idNumber] : v.idNumber;
  if (named === 'QueryPurpose') return v.purpose;
  if (name === 'id' && field === 'listEntry') return v.entryId;
  if (name === 'activeOnly') return false; // ended and pending entries too, so nothing is hidden by the default
  if (name === 'first') return field === 'listChanges' ? 500 : 100;
  if (name === 'after' && field === 'listChanges') return v.feedStart;
  if (name === 'year') return Number(today().slice(0, 4));
  return undefined;
}

const SAMPLE: Values = { uscc: 'x', usccs: ['x'], idNumber: 'x', purpose: 'x', entryId: 'x', feedStart: 'x' };
const usable = (f: GraphQLField<unknown, unknown>) => f.args.every((a) => !isNonNullType(a.type) || argValue(f.name, a.name, a.type, SAMPLE) !== undefined);

/**
 * Every field returning ListEntry reachable from Query without passing through a ListEntry (below one, e.g.
 * MeasureFeedback.listEntry, the entry above was read already), each with its shortest path; `fillable`: only
 * through fields whose required arguments argValue fills.
 */
export function readPaths(fillable: boolean): Map<string, Step[]> {
  const paths = new Map<string, Step[]>();
  const queue: { type: GraphQLObjectType; path: Step[] }[] = [{ type: apiSchema.getQueryType()!, path: [] }];
  const seen = new Set<string>(['Query']);
  while (queue.length) {
    const { type, path } = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      if (fillable && !usable(field)) continue;
      const named = getNamedType(field.type);
      const here = [...path, { parent: type, field }];
      if (named.name === 'ListEntry') {
        if (!paths.has(`${type.name}.${field.name}`)) paths.set(`${type.name}.${field.name}`, here);
        continue;
      }
      for (const next of possible(named)) {
        if (seen.has(next.name)) continue;
        seen.add(next.name);
        queue.push({ type: next, path: here });
      }
    }
  }
  return paths;
}

/** The query for one path, with its arguments inlined as variables; `leaf` is what is selected of the entry. */
export function render(path: Step[], v: Values, leaf = '{ id }'): { query: string; variables: Record<string, unknown> } {
  const defs: string[] = [];
  const variables: Record<string, unknown> = {};
  let body = leaf;
  for (let i = path.length - 1; i >= 0; i--) {
    const { parent, field } = path[i];
    const args = field.args.flatMap((a) => {
      const value = argValue(field.name, a.name, a.type, v);
      if (value === undefined) return [];
      const name = `v${i}_${a.name}`;
      defs.push(`$${name}: ${a.type}`);
      variables[name] = value;
      return [`${a.name}: $${name}`];
    });
    const selection = `${field.name}${args.length ? `(${args.join(', ')})` : ''} ${body}`;
    // Inside a union or interface, the step's type is named by a fragment.
    const above = i > 0 ? getNamedType(path[i - 1].field.type) : null;
    body = above && isAbstractType(above) ? `{ ... on ${parent.name} { ${selection} } }` : `{ ${selection} }`;
  }
  return { query: `query${defs.length ? `(${defs.join(', ')})` : ''} ${body}`, variables };
}
