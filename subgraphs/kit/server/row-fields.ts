import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { Kind, type DocumentNode, type FieldDefinitionNode, type GraphQLFieldResolver, type TypeNode } from 'graphql';
import type { Caller } from '../protocol/caller';
import { readRequirements } from '../protocol/directives';
import { forbidden } from '../protocol/errors';

// The row rule on every non-public field, not only at the entry points: each subgraph names, per type
// of row about a subject, how a row says whether the caller may read it; every field of that type that
// is non-public in the subgraph's SDL then resolves only after that answer is yes. The list of fields
// comes from the SDL, so a new non-public field cannot forget the rule.

/** Whether the caller may read this row: carried by the row (e.g. `callerMayRead` from @requires) or decided once per subject. */
export type RowDecision<C extends { caller: Caller }> = (row: any, ctx: C) => boolean | Promise<boolean>;

const GUARDED = Symbol('row rule applied');

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Non-public fields per type, in one subgraph's SDL: a scope, policy or authentication on the field, its type or its parent type. */
export function nonPublicFields(typeDefs: DocumentNode): Map<string, string[]> {
  const reqs = readRequirements(typeDefs);
  const out = new Map<string, string[]>();
  for (const def of typeDefs.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = def.name.value;
    const guarded = (f: FieldDefinitionNode) =>
      !f.directives?.some((d) => d.name.value === 'external') &&
      (reqs.types.has(type) || reqs.fields.has(`${type}.${f.name.value}`) || reqs.types.has(namedType(f.type)));
    const names = (def.fields ?? []).filter(guarded).map((f) => f.name.value);
    if (names.length) out.set(type, [...(out.get(type) ?? []), ...names]);
  }
  return out;
}

export function isRowGuarded(resolver: unknown): boolean {
  return typeof resolver === 'function' && GUARDED in resolver;
}

/** Wraps every non-public field of the named row types; FORBIDDEN at that field's path when the row says no. */
export function guardRowFields<C extends { caller: Caller }, R extends GraphQLResolverMap<C>>(typeDefs: DocumentNode, resolvers: R, rows: Record<string, RowDecision<C>>): R {
  const fields = nonPublicFields(typeDefs);
  const out: Record<string, Record<string, unknown>> = {};
  for (const [type, map] of Object.entries(resolvers)) out[type] = { ...(map as object) } as Record<string, unknown>;
  for (const [type, decide] of Object.entries(rows)) {
    if (!fields.has(type)) throw new Error(`guardRowFields: ${type} has no non-public field in this SDL`);
    for (const name of fields.get(type)!) {
      out[type] ??= {};
      const resolve = (out[type][name] as GraphQLFieldResolver<unknown, C> | undefined) ?? ((parent: unknown) => (parent as Record<string, unknown>)?.[name]);
      const guarded: GraphQLFieldResolver<unknown, C> = async (parent, args, ctx, info) => {
        if ((await decide(parent, ctx)) !== true) throw forbidden(`${ctx.caller.clientId ?? 'the caller'} may not read ${type}.${name} of this subject (an association reads its members, a subject itself)`);
        return resolve(parent, args, ctx, info);
      };
      out[type][name] = Object.assign(guarded, { [GUARDED]: true });
    }
  }
  return out as unknown as R;
}
