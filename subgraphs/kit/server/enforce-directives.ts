import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { defaultFieldResolver, GraphQLError, Kind, type DocumentNode, type GraphQLFieldResolver, type TypeNode } from 'graphql';
import type { Caller } from '../protocol/caller';
import { readRequirements, satisfied, type Grants, type Requirement, type Requirements } from '../protocol/directives';
import { ErrorCode } from '../protocol/errors';
import { checkPolicies, grantsOf } from '../protocol/policies';
import { readSecurityLinks } from '../protocol/security-links';

// Defense in depth: every subgraph enforces the @authenticated / @requiresScopes / @policy of its own
// SDL again, against the signed caller, whatever reached it. The gateway has already removed what the
// caller may not see, so in normal operation none of these checks fails.

type Resolver = GraphQLFieldResolver<unknown, { caller: Caller }>;

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

const grantsCache = new WeakMap<object, Grants>();

function allowed(needed: Requirement[], reqs: Requirements, ctx: { caller: Caller }): boolean {
  let grants = grantsCache.get(ctx);
  if (!grants) grantsCache.set(ctx, (grants = grantsOf(ctx.caller, reqs)));
  return needed.every((r) => satisfied(r, grants!));
}

function refused(what: string, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(`Unauthorized ${what}: the caller lacks the scope, policy or authentication it requires`, {
    path, extensions: { code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE },
  });
}

export function enforceDirectives<R extends GraphQLResolverMap<any>>(typeDefs: DocumentNode, resolvers: R, subgraph: string): R {
  const file = `schema/${subgraph}.graphql`;
  const reqs = readRequirements(typeDefs, readSecurityLinks(typeDefs, file).names);
  checkPolicies(reqs.policiesNamed, file);
  const out: Record<string, Record<string, unknown>> = {};
  for (const [type, map] of Object.entries(resolvers)) out[type] = { ...(map as object) } as Record<string, unknown>;
  for (const def of typeDefs.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = def.name.value;
    const typeReq = reqs.types.get(type);
    if (typeReq && out[type]?.__resolveReference) {
      const resolve = out[type].__resolveReference as (ref: unknown, ctx: { caller: Caller }, info: unknown) => unknown;
      out[type].__resolveReference = (ref: unknown, ctx: { caller: Caller }, info: unknown) => {
        if (!allowed([typeReq], reqs, ctx)) throw refused(`type ${type}`);
        return resolve(ref, ctx, info);
      };
    }
    for (const field of def.fields ?? []) {
      const needed = [reqs.fields.get(`${type}.${field.name.value}`), reqs.types.get(namedType(field.type))].filter((r): r is Requirement => !!r);
      if (!needed.length) continue;
      out[type] ??= {};
      const name = field.name.value;
      // graphql-js's default resolver also calls a function property (a connection's lazy totalCount).
      const resolve = (out[type][name] as Resolver | undefined) ?? (defaultFieldResolver as Resolver);
      out[type][name] = ((parent, args, ctx, info) => {
        if (!allowed(needed, reqs, ctx)) throw refused(`field "${type}.${name}"`, undefined);
        return resolve(parent, args, ctx, info);
      }) as Resolver;
    }
  }
  return out as unknown as R;
}
