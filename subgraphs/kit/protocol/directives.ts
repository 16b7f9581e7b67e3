import { Kind, type ConstDirectiveNode, type ConstValueNode, type DocumentNode } from 'graphql';
import { readSecurityLinks } from './security-links';

// Reads @authenticated, @requiresScopes and @policy from SDL (the gateway: the full supergraph; each
// subgraph: its own schema), per type and per field, the way Apollo Router does: a field needs its
// own requirements and those of the type it returns.

/** All must hold. `scopes`/`policies`: outer list OR, inner list AND. */
export interface Requirement {
  authenticated: boolean;
  scopes: string[][] | null;
  policies: string[][] | null;
}

export interface Grants {
  authenticated: boolean;
  scopes: ReadonlySet<string>;
  policies: ReadonlySet<string>;
}

/** Local names of the three directives in one schema (security-links.ts reads them from its links). */
export interface DirectiveNames {
  authenticated: string;
  requiresScopes: string;
  policy: string;
}

export interface Requirements {
  /** Requirements on type `T` (object, interface, union, enum or scalar). */
  types: Map<string, Requirement>;
  /** Requirements on field `T.f` itself (not its return type's; for an interface, also its implementations'). */
  fields: Map<string, Requirement>;
  /** Every scope and policy named anywhere: a caller's grants are reduced to these for cache keys. */
  scopesNamed: Set<string>;
  policiesNamed: Set<string>;
}

function stringMatrix(value: ConstValueNode | undefined): string[][] {
  if (value?.kind !== Kind.LIST) return [];
  return value.values.map((inner) => (inner.kind === Kind.LIST ? inner.values : [inner]).map((v) => (v.kind === Kind.STRING ? v.value : '')));
}

/** Both lists of alternatives must hold: every pairing of their groups, without groups that hold another. */
function allOf(a: string[][] | null, b: string[][] | null): string[][] | null {
  if (!a || !b) return a ?? b;
  const groups = a.flatMap((x) => b.map((y) => [...new Set([...x, ...y])].sort()));
  const holds = (g: string[], h: string[]) => h.every((s) => g.includes(s));
  return groups.filter((g, i) => !groups.some((h, j) => j !== i && holds(g, h) && (h.length < g.length || j < i)));
}

/** The requirement that holds when both hold. */
export function both(a: Requirement | undefined, b: Requirement | undefined): Requirement | undefined {
  if (!a || !b) return a ?? b;
  return { authenticated: a.authenticated || b.authenticated, scopes: allOf(a.scopes, b.scopes), policies: allOf(a.policies, b.policies) };
}

function requirementOf(directives: readonly ConstDirectiveNode[] | undefined, names: DirectiveNames): Requirement | undefined {
  let req: Requirement | undefined;
  for (const d of directives ?? []) {
    const name = d.name.value;
    const matrix = (arg: string) => stringMatrix(d.arguments?.find((a) => a.name.value === arg)?.value);
    if (name === names.authenticated) req = both(req, { authenticated: true, scopes: null, policies: null });
    if (name === names.requiresScopes) req = both(req, { authenticated: false, scopes: matrix('scopes'), policies: null });
    if (name === names.policy) req = both(req, { authenticated: false, scopes: null, policies: matrix('policies') });
  }
  return req;
}

const WITH_FIELDS = new Set<string>([Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_DEFINITION, Kind.INTERFACE_TYPE_EXTENSION]);

type FieldsDefinition = { name: { value: string }; interfaces?: readonly { name: { value: string } }[]; fields?: readonly { name: { value: string }; directives?: readonly ConstDirectiveNode[] }[] };

/**
 * Requirements per type and field, from definitions and extensions. Names default to what the
 * document's own links say. An interface and its fields require what every implementation requires
 * (the conjunction; Apollo Router advisory GHSA-x33c-7c2v-mrj9, composition since federation#3321):
 * a supergraph composed before that, or a subgraph's own SDL, does not say it on the interface.
 */
export function readRequirements(doc: DocumentNode, names: DirectiveNames = readSecurityLinks(doc, 'the schema').names): Requirements {
  const result: Requirements = { types: new Map(), fields: new Map(), scopesNamed: new Set(), policiesNamed: new Set() };
  const add = (map: Map<string, Requirement>, key: string, req: Requirement | undefined) => {
    const merged = both(map.get(key), req);
    if (merged) map.set(key, merged);
  };
  const withFields = doc.definitions.filter((def) => WITH_FIELDS.has(def.kind)) as unknown as FieldsDefinition[];
  for (const def of doc.definitions) {
    if ('name' in def && def.name && 'directives' in def) add(result.types, def.name.value, requirementOf(def.directives as readonly ConstDirectiveNode[], names));
  }
  for (const def of withFields) for (const field of def.fields ?? []) add(result.fields, `${def.name.value}.${field.name.value}`, requirementOf(field.directives, names));
  // Each implementation's own requirements (objects list every interface they implement, transitively).
  const own = { types: new Map(result.types), fields: new Map(result.fields) };
  const fieldsOf = new Map<string, string[]>();
  for (const def of withFields) fieldsOf.set(def.name.value, [...(fieldsOf.get(def.name.value) ?? []), ...(def.fields ?? []).map((f) => f.name.value)]);
  for (const def of withFields) {
    for (const iface of def.interfaces ?? []) {
      add(result.types, iface.name.value, own.types.get(def.name.value));
      for (const field of fieldsOf.get(iface.name.value) ?? []) add(result.fields, `${iface.name.value}.${field}`, own.fields.get(`${def.name.value}.${field}`));
    }
  }
  for (const req of [...result.types.values(), ...result.fields.values()]) {
    req.scopes?.flat().forEach((s) => result.scopesNamed.add(s));
    req.policies?.flat().forEach((p) => result.policiesNamed.add(p));
  }
  return result;
}

export function satisfied(req: Requirement | undefined, grants: Grants): boolean {
  if (!req) return true;
  if (req.authenticated && !grants.authenticated) return false;
  if (req.scopes && !req.scopes.some((all) => all.every((s) => grants.scopes.has(s)))) return false;
  if (req.policies && !req.policies.some((all) => all.every((p) => grants.policies.has(p)))) return false;
  return true;
}
