import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType, isUnionType, isInterfaceType, isCompositeType,
  Kind, parse, type GraphQLField, type GraphQLInputType, type GraphQLNamedType, type GraphQLSchema,
} from 'graphql';
import { parse as parseYaml } from 'yaml';
import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';

// What the authorization matrix promises, read independently of the gateway's own code: the
// requirements from schema/supergraph.graphql and the grants from gateway/authorization.yaml.

export interface Req { authenticated: boolean; scopes: string[][] | null; policies: string[][] | null }
export const ROOT = join(__dirname, '..', '..');

function matrixOf(directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: any }[] }[] = []): Req | null {
  let req: Req | null = null;
  for (const d of directives) {
    const name = d.name.value;
    if (!['authenticated', 'requiresScopes', 'policy'].includes(name)) continue;
    req ??= { authenticated: false, scopes: null, policies: null };
    const list = d.arguments?.[0]?.value;
    const strings = list ? list.values.map((inner: any) => inner.values.map((v: any) => v.value)) : [];
    if (name === 'authenticated') req.authenticated = true;
    if (name === 'requiresScopes') req.scopes = strings;
    if (name === 'policy') req.policies = strings;
  }
  return req;
}

export function readSupergraphRequirements(): { types: Map<string, Req>; fields: Map<string, Req> } {
  const doc = parse(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'));
  const types = new Map<string, Req>();
  const fields = new Map<string, Req>();
  for (const def of doc.definitions as any[]) {
    if (!def.name) continue;
    const t = matrixOf(def.directives);
    if (t) types.set(def.name.value, t);
    for (const f of def.fields ?? []) {
      const r = matrixOf(f.directives);
      if (r) fields.set(`${def.name.value}.${f.name.value}`, r);
    }
  }
  return { types, fields };
}

export interface Client { id: string | null; kind: string; scopes: Set<string>; purposes: string[] }

export function demoClients(): Client[] {
  const file = parseYaml(readFileSync(join(ROOT, 'gateway', 'authorization.yaml'), 'utf8'));
  const clients: Client[] = Object.entries<any>(file.clients).map(([id, c]) => ({
    id, kind: c.kind, scopes: new Set([...file.kinds[c.kind].scopes, ...(c.extraScopes ?? [])]), purposes: file.kinds[c.kind].purposes,
  }));
  return [...clients, { id: null, kind: 'PUBLIC', scopes: new Set(), purposes: [] }];
}

// The policies a client of each kind satisfies (gateway/authorization/policies.ts, restated).
const POLICY_KINDS: Record<string, string[]> = {
  official_body: ['DEPARTMENT', 'COURT', 'ADMIN'],
  acting_for_self: ['SUBJECT'],
  platform_operator: ['ADMIN'],
  industry_association: ['ASSOCIATION'],
};

export function allows(req: Req | null | undefined, client: Client): boolean {
  if (!req) return true;
  if (req.authenticated && client.id === null) return false;
  if (req.scopes && !req.scopes.some((all) => all.every((s) => client.scopes.has(s)))) return false;
  if (req.policies && !req.policies.some((all) => all.every((p) => { if (!POLICY_KINDS[p]) throw new Error(`policy ${p} is not in the test's table`); return POLICY_KINDS[p].includes(client.kind); }))) return false;
  return true;
}

/** A syntactically valid argument literal for any input type (values that fail domain validation). */
export function dummy(type: GraphQLInputType): string {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return `[${dummy(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${required.map((f) => `${f.name}: ${dummy(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    if (type.name === 'USCC') return `"${DEMO_SUBJECT.uscc}"`;
    if (type.name === 'ResidentIdNumber') return `"${DEMO_SUBJECT.legalRepresentativeIdNumber}"`;
    if (type.name === 'Int' || type.name === 'Float') return '1';
    if (type.name === 'Boolean') return 'false';
    return '"x"';
  }
  throw new Error(`no dummy for ${String(type)}`);
}

export function callOf(field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  return args.length ? `${field.name}(${args.map((a) => `${a.name}: ${dummy(a.type)}`).join(', ')})` : field.name;
}

export interface Step { parent: string; field: GraphQLField<unknown, unknown>; fragment: string | null }

/** Shortest route from Query to an object of `target`, preferring fields without requirements. */
export function routeTo(schema: GraphQLSchema, target: string, guarded: (parent: string, field: string) => boolean): Step[] | null {
  const frontier: { type: GraphQLNamedType; steps: Step[] }[] = [{ type: schema.getQueryType()!, steps: [] }];
  const done = new Set<string>();
  while (frontier.length) {
    frontier.sort((a, b) => cost(a.steps, guarded) - cost(b.steps, guarded));
    const { type, steps } = frontier.shift()!;
    if (type.name === target) return steps;
    if (done.has(type.name)) continue;
    done.add(type.name);
    const members = isUnionType(type) ? type.getTypes() : isInterfaceType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
    for (const member of members) {
      for (const field of Object.values(member.getFields())) {
        const named = getNamedType(field.type);
        if (!isCompositeType(named) || done.has(named.name)) continue;
        frontier.push({ type: named, steps: [...steps, { parent: member.name, field, fragment: member.name !== type.name ? member.name : null }] });
      }
    }
  }
  return null;
}

function cost(steps: Step[], guarded: (parent: string, field: string) => boolean): number {
  return steps.reduce((n, s) => n + (guarded(s.parent, s.field.name) ? 100 : 1), 0);
}

export const isLeaf = (field: GraphQLField<unknown, unknown>) => !isCompositeType(getNamedType(field.type));
export { Kind };
