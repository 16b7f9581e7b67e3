import { getNamedType, isCompositeType, isObjectType, isUnionType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { callOf, type Req } from './matrix';

// Probes for the row rule, generated from the composed schema and its authorization directives: every
// type reachable from a subject's list entry, and on it every non-public field (a directive on the
// field, its type or its parent), plus every field reached through a non-public one.

export interface Step { parent: string; field: string; call: string; fragment: string | null }
export interface RowProbe { type: string; route: Step[]; fields: { name: string; call: string }[] }

type Reqs = { types: Map<string, Req>; fields: Map<string, Req> };

export function isNonPublic(reqs: Reqs, schema: GraphQLSchema, parent: string, field: string): boolean {
  const def = (schema.getType(parent) as GraphQLObjectType).getFields()[field];
  return reqs.types.has(parent) || reqs.fields.has(`${parent}.${field}`) || reqs.types.has(getNamedType(def.type).name);
}

/** Breadth first from `root`, public steps first, so a probe reaches its fields the way an attacker would. */
export function rowProbes(schema: GraphQLSchema, reqs: Reqs, root: string): RowProbe[] {
  const out: RowProbe[] = [];
  // A type is visited at most twice: on a public route, and behind a non-public field (where every field counts).
  const seen = new Set<string>([`${root}:false`]);
  let frontier: { type: GraphQLObjectType; route: Step[] }[] = [{ type: schema.getType(root) as GraphQLObjectType, route: [] }];
  while (frontier.length) {
    const next: typeof frontier = [];
    for (const { type, route } of frontier) {
      const behindNonPublic = route.some((s) => isNonPublic(reqs, schema, s.parent, s.field));
      const fields = Object.values(type.getFields())
        .filter((f) => behindNonPublic || isNonPublic(reqs, schema, type.name, f.name))
        .map((f) => ({ name: f.name, call: isCompositeType(getNamedType(f.type)) ? `${callOf(f)} { __typename }` : callOf(f) }));
      if (fields.length) out.push({ type: type.name, route, fields });
      const steps = Object.values(type.getFields()).sort((a, b) => Number(isNonPublic(reqs, schema, type.name, a.name)) - Number(isNonPublic(reqs, schema, type.name, b.name)));
      for (const f of steps) {
        const named = getNamedType(f.type);
        const members = isUnionType(named) ? named.getTypes() : isObjectType(named) ? [named] : [];
        const behind = behindNonPublic || isNonPublic(reqs, schema, type.name, f.name);
        for (const member of members) {
          if (seen.has(`${member.name}:${behind}`)) continue;
          seen.add(`${member.name}:${behind}`);
          next.push({ type: member, route: [...route, { parent: type.name, field: f.name, call: callOf(f), fragment: isUnionType(named) ? member.name : null }] });
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** The probe's selection below the root object. */
export function selection(probe: RowProbe): string {
  let body = `__typename ${probe.fields.map((f) => f.call).join(' ')}`;
  for (const step of [...probe.route].reverse()) body = `__typename ${step.call} { ${step.fragment ? `... on ${step.fragment} { ${body} }` : body} }`;
  return body;
}

export interface Found { path: (string | number)[]; value: unknown }

/** Every object of the probe's type below `node` (one root row), with its response path. */
export function parentsAt(node: unknown, route: Step[], path: (string | number)[]): Found[] {
  if (node === null || node === undefined) return [];
  if (route.length === 0) return [{ path, value: node }];
  const [step, ...rest] = route;
  const value = (node as Record<string, unknown>)[step.field];
  const matches = (v: unknown) => !step.fragment || (v as { __typename?: string } | null)?.__typename === step.fragment;
  if (Array.isArray(value)) return value.flatMap((item, i) => (matches(item) ? parentsAt(item, rest, [...path, step.field, i]) : []));
  return matches(value) ? parentsAt(value, rest, [...path, step.field]) : [];
}
