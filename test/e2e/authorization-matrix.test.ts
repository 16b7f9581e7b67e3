import { buildClientSchema, getIntrospectionQuery, getNamedType, isCompositeType, isObjectType, isUnionType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { allows, callOf, demoClients, readSupergraphRequirements, routeTo, type Client, type Req, type Step } from '../support/matrix';
import { startStack, type Stack } from '../support/stack';

// Generated from the supergraph and the matrix: for every field and type that carries an
// authorization directive, and every demo client, the gateway answers the value or
// UNAUTHORIZED_FIELD_OR_TYPE exactly as gateway/authorization.yaml says. A new field cannot escape.
let stack: Stack;
let schema: GraphQLSchema;
const { types, fields } = readSupergraphRequirements();
const clients = demoClients();

beforeAll(async () => {
  stack = await startStack('e2e_matrix');
  const res = await stack.query(getIntrospectionQuery(), { clientId: 'demo-admin' });
  schema = buildClientSchema(res.data);
});
afterAll(() => stack.stop());

/** Requirements a selection of parent.field must meet: its own and its return type's. */
function reqsOf(parent: string, field: string): Req[] {
  const def = (schema.getType(parent) as GraphQLObjectType).getFields()[field];
  return [fields.get(`${parent}.${field}`), types.get(getNamedType(def.type).name)].filter((r): r is Req => !!r);
}

interface Probe { name: string; operation: string; steps: { key: string; reqs: Req[] }[] }

/** One probe per guarded field (and per field returning a guarded type), reached by the least guarded route. */
function probes(): Probe[] {
  const out: Probe[] = [];
  const guarded = (parent: string, field: string) => reqsOf(parent, field).length > 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!guarded(type.name, field.name)) continue;
      const isMutation = type.name === 'Mutation';
      const route: Step[] | null = isMutation || type.name === 'Query' ? [] : routeTo(schema, type.name, guarded);
      if (!route) throw new Error(`no route from Query to ${type.name}`);
      const leaf = isCompositeType(getNamedType(field.type)) ? `${callOf(field)} { __typename }` : callOf(field);
      let body = leaf;
      for (const step of [...route].reverse()) {
        const inner = step.fragment ? `... on ${step.fragment} { ${body} }` : body;
        body = `${callOf(step.field)} { __typename ${inner} }`;
      }
      out.push({
        name: `${type.name}.${field.name}`,
        operation: `${isMutation ? 'mutation' : 'query'} { ${body} }`,
        steps: [...route.map((s) => ({ key: s.field.name, reqs: reqsOf(s.parent, s.field.name) })), { key: field.name, reqs: reqsOf(type.name, field.name) }],
      });
    }
  }
  // A fragment on a guarded member of a union is removed at the union field's path.
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isUnionType(type)) continue;
    for (const member of type.getTypes().filter((m) => types.has(m.name))) {
      const route = routeTo(schema, type.name, guarded);
      if (!route?.length) continue;
      let body = `... on ${member.name} { __typename }`;
      for (const step of [...route].reverse()) body = `${callOf(step.field)} { __typename ${step.fragment ? `... on ${step.fragment} { ${body} }` : body} }`;
      out.push({
        name: `${type.name} fragment on ${member.name}`,
        operation: `query { ${body} }`,
        steps: [...route.map((s) => ({ key: s.field.name, reqs: reqsOf(s.parent, s.field.name) })), { key: '', reqs: [types.get(member.name)!] }],
      });
    }
  }
  return out;
}

/** The response path of the first selection on the route the client may not see, or null. */
function expectedRemoval(probe: Probe, client: Client): string | null {
  const keys: string[] = [];
  for (const step of probe.steps) {
    if (step.key) keys.push(step.key);
    if (!step.reqs.every((r) => allows(r, client))) return keys.join('.');
  }
  return null;
}

test('the supergraph carries authorization directives on the credit fields', () => {
  expect(fields.size + types.size).toBeGreaterThan(20);
});

test('every guarded field answers every demo client as the matrix says', async () => {
  const list = probes();
  expect(list.length).toBeGreaterThan(20);
  const mismatches: string[] = [];
  for (const probe of list) {
    for (const client of clients) {
      const res = await stack.query(probe.operation, { clientId: client.id ?? undefined, purpose: client.purposes[0] });
      const removed = (res.errors ?? []).filter((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE').map((e) => (e.path ?? []).join('.'));
      const expected = expectedRemoval(probe, client);
      const ok = expected === null ? removed.length === 0 : removed.includes(expected);
      if (!ok) mismatches.push(`${probe.name} for ${client.id ?? 'public'}: expected ${expected ?? 'allowed'}, got ${removed.join(', ') || 'allowed'} (${JSON.stringify(res.errors?.map((e) => e.extensions?.code))})`);
      if (expected === null) expect(res.errors?.some((e) => e.extensions?.code === 'PURPOSE_REQUIRED' && client.purposes.length > 0)).not.toBe(true);
    }
  }
  expect(mismatches).toEqual([]);
});
