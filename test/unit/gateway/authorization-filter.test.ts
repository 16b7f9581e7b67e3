import { buildASTSchema, parse, print } from 'graphql';
import { filterOperation } from '../../../gateway/authorization/filter';
import { readRequirements, type Grants } from '../../../subgraphs/kit/protocol/directives';
import { restoreNulls, unauthorizedErrors } from '../../../gateway/authorization/restore';

// A small schema with the same directive shapes as the composed supergraph.
const SDL = `
  directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  type Query { company(id: ID!): Company  subjects: [Subject]!  secretCount: Int! @requiresScopes(scopes: [["records:read"]]) }
  type Company { id: ID!  name: String!  records: [Rec!] @requiresScopes(scopes: [["records:read"], ["admin"]])  rep: Person  taxId: String! @requiresScopes(scopes: [["records:read", "tax"]]) }
  type Rec { title: String! }
  type Person @authenticated { id: ID!  name: String  idNumber: String @policy(policies: [["official_body"]]) }
  union Subject = Company | Person
`;
const doc = parse(SDL);
const schema = buildASTSchema(doc);
const reqs = readRequirements(doc, { authenticated: 'authenticated', requiresScopes: 'requiresScopes', policy: 'policy' });
const grants = (scopes: string[] = [], policies: string[] = [], authenticated = true): Grants => ({ authenticated, scopes: new Set(scopes), policies: new Set(policies) });
const run = (query: string, g: Grants) => filterOperation(schema, parse(query), undefined, reqs, g);

test('nothing is removed for a caller holding every requirement: the same document object comes back', () => {
  const document = parse('{ company(id: 1) { name records { title } rep { name idNumber } } }');
  const result = filterOperation(schema, document, undefined, reqs, grants(['records:read'], ['official_body']));
  expect(result.removals).toHaveLength(0);
  expect(result.document).toBe(document);
  expect(result.touchesNonPublic).toBe(true);
});

test('outer list is OR, inner list is AND', () => {
  expect(run('{ company(id: 1) { records { title } } }', grants(['admin'])).removals).toHaveLength(0);
  expect(run('{ company(id: 1) { name taxId } }', grants(['records:read'])).removals.map((r) => r.key)).toEqual(['taxId']);
  expect(run('{ company(id: 1) { taxId } }', grants(['records:read', 'tax'])).removals).toHaveLength(0);
});

test('an unauthorized field is removed, reported at its path, and comes back null', () => {
  const result = run('{ company(id: 1) { name rec: records { title } } }', grants());
  expect(print(result.document)).not.toContain('records');
  expect(unauthorizedErrors(result.removals).map((e) => [e.path, e.extensions.code])).toEqual([[['company', 'rec'], 'UNAUTHORIZED_FIELD_OR_TYPE']]);
  expect(restoreNulls({ company: { name: 'A' } }, result.removals)).toEqual({ company: { name: 'A', rec: null } });
});

test('a field needs its return type requirement too, and a non-null null climbs to the nearest nullable parent', () => {
  const result = run('{ company(id: 1) { name rep { name } } }', grants([], [], false));
  expect(result.removals.map((r) => r.key)).toEqual(['rep']);
  const nonNull = run('{ company(id: 1) { name taxId } }', grants());
  expect(restoreNulls({ company: { name: 'A' } }, nonNull.removals)).toEqual({ company: null });
  // A removed Person whose union list item is nullable becomes a null item, not a null list.
  const strict = run('{ subjects { ... on Person { id } ... on Company { name } } }', grants([], [], false));
  expect(restoreNulls({ subjects: [{ __authz_typename: 'Person' }, { name: 'A', __authz_typename: 'Company' }] }, strict.removals)).toEqual({ subjects: [null, { name: 'A' }] });
});

test('a fragment on an unauthorized type is removed only for objects of that type; __typename stays', () => {
  const result = run('{ subjects { __typename ... on Company { name } ... on Person { name } } }', grants([], [], false));
  expect(print(result.document)).not.toContain('Person');
  const data = { subjects: [{ __typename: 'Company', __authz_typename: 'Company', name: 'A' }, { __typename: 'Person', __authz_typename: 'Person' }] };
  expect(restoreNulls(data, result.removals)).toEqual({ subjects: [{ __typename: 'Company', name: 'A' }, { __typename: 'Person', name: null }] });
  expect(unauthorizedErrors(result.removals)[0].path).toEqual(['subjects']);
});

test('named fragments are filtered at every spread', () => {
  const result = run('{ a: company(id: 1) { ...C } b: company(id: 2) { ...C } } fragment C on Company { name records { title } }', grants());
  expect(unauthorizedErrors(result.removals).map((e) => e.path)).toEqual([['a', 'records'], ['b', 'records']]);
  expect(restoreNulls({ a: { name: 'A' }, b: null }, result.removals)).toEqual({ a: { name: 'A', records: null }, b: null });
});

test('policies are evaluated like scopes', () => {
  expect(run('{ company(id: 1) { rep { idNumber } } }', grants([], ['official_body'])).removals).toHaveLength(0);
  const result = run('{ company(id: 1) { name rep { idNumber } } }', grants());
  expect(result.removals.map((r) => r.key)).toEqual(['idNumber', 'rep']);
  expect(restoreNulls({ company: { name: 'A' } }, result.removals)).toEqual({ company: { name: 'A', rep: null } });
});

test('when every root field is removed the operation is empty', () => {
  const result = run('{ secretCount }', grants());
  expect(result.empty).toBe(true);
  expect(restoreNulls({}, result.removals)).toBeNull();
});

test('a restored null sits where the query asked for it', () => {
  const result = run('{ company(id: 1) { id rec: records { title } name } }', grants());
  const data = restoreNulls({ company: { id: '1', name: 'A' } }, result.removals)!;
  expect(Object.keys(data.company as object)).toEqual(['id', 'rec', 'name']);
});
