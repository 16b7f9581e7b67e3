import { buildSchema, GraphQLError, parse, print, type OperationDefinitionNode } from 'graphql';
import { planningDocument } from '../../../gateway/authorization/planning-document';
import { clientDataOf, reservedAliasErrors, toClientErrors } from '../../../gateway/authorization/private-names';

// The document the planner sees: private aliases, fragments inlined, type conditions flattened.
const schema = buildSchema(`
  type Query { company(id: ID!): Company  subjects: [Subject!]!  entry: Entry }
  type Company { id: ID!  name: String!  entries: [Entry!]!  rep: Person }
  type Person { id: ID!  name: String }
  type Entry { id: ID!  basis: String!  subject: Subject! }
  union Subject = Company | Person
`);
const plan = (query: string, operationName?: string) => print(planningDocument(schema, parse(query), operationName));
const same = (query: string) => print(parse(query));

test('every alias becomes a private name the client cannot use; field names stay', () => {
  expect(plan('{ company(id: 1) { id: name entries { jurisdiction: basis id } } }')).toBe(same('{ company(id: 1) { __alias_id: name entries { __alias_jurisdiction: basis id } } }'));
});

test('every spelling of one selection on an object type plans as the same document', () => {
  const expected = plan('{ company(id: 1) { id name } }');
  for (const spelling of [
    '{ company(id: 1) { ... on Company { id name } } }',
    '{ company(id: 1) { ...C } } fragment C on Company { id name }',
    '{ company(id: 1) { ... on Subject { ... on Company { id name } } } }',
    '{ company(id: 1) { ... { id ... on Subject { ...N } } } } fragment N on Company { name }',
    '{ company(id: 1) { id name id ... on Subject { ... on Person { name } } } }',
  ]) expect(plan(spelling)).toBe(expected);
});

test('under a union the selection becomes one fragment per member, in the order CollectFields gives it', () => {
  const expected = same('{ subjects { ... on Company { __typename id name } ... on Person { __typename id } } }');
  expect(plan('{ subjects { __typename ... on Company { id name } ... on Person { id } } }')).toBe(expected);
  expect(plan('{ subjects { ...S } } fragment S on Subject { __typename ... on Company { id ... on Subject { ... on Company { name } } } ... on Person { id } }')).toBe(expected);
  // A fragment on a member that cannot occur here goes; a union with nothing left still selects its type.
  expect(plan('{ entry { subject { ... on Person { name } } } }')).toBe(same('{ entry { subject { ... on Person { name } } } }'));
});

test('repeated fields merge into their first occurrence, their selections too', () => {
  expect(plan('{ company(id: 1) { entries { id } name entries { basis id } } }')).toBe(same('{ company(id: 1) { entries { id basis } name } }'));
  expect(plan('{ a: company(id: 1) { id } a: company(id: 1) { n: name } }')).toBe(same('{ __alias_a: company(id: 1) { id __alias_n: name } }'));
});

test('fields and fragments with directives stay apart; a conditional fragment keeps its directive', () => {
  const query = 'query($x: Boolean!) { company(id: 1) { name name @include(if: $x) ... on Company @skip(if: $x) { id } } }';
  expect(plan(query)).toBe(same('query($x: Boolean!) { company(id: 1) { name name @include(if: $x) ... @skip(if: $x) { id } } }'));
});

test('the named operation is planned alone, without fragment definitions', () => {
  expect(plan('query A { entry { id } } query B { entry { ...E } } fragment E on Entry { basis }', 'B')).toBe(same('query B { entry { basis } }'));
});

test('the response and the error paths come back in the client\'s keys and order', () => {
  const planned = planningDocument(schema, parse('{ b: company(id: 1) { id a: entries { n: basis id } } company(id: 2) { name } }'), undefined);
  const data = { __alias_b: { id: '1', __alias_a: [{ __alias_n: 'x', id: 'y' }] }, company: null };
  expect(JSON.stringify(clientDataOf(planned.definitions[0] as OperationDefinitionNode)(data))).toBe('{"b":{"id":"1","a":[{"n":"x","id":"y"}]},"company":null}');
  const [renamed, untouched] = toClientErrors([new GraphQLError('boom', { path: ['__alias_b', '__alias_a', 0, 'id'], extensions: { code: 'FORBIDDEN' } }), new GraphQLError('other', { path: ['a'] })]);
  expect(renamed.path).toEqual(['b', 'a', 0, 'id']);
  expect(renamed.extensions).toEqual({ code: 'FORBIDDEN' });
  expect(untouched.path).toEqual(['a']);
});

test('a client alias in the reserved `__` namespace is refused, naming the alias and the rule', () => {
  const errors = reservedAliasErrors(parse('{ company(id: 1) { __authz_typename: name ok: id } } fragment F on Entry { __x: id }'));
  expect(errors.map((e) => e.extensions)).toEqual([
    { code: 'BAD_USER_INPUT', field: '__authz_typename', rule: 'RESERVED_ALIAS' },
    { code: 'BAD_USER_INPUT', field: '__x', rule: 'RESERVED_ALIAS' },
  ]);
  expect(errors[0].message).toContain('"__authz_typename"');
  expect(reservedAliasErrors(parse('{ company(id: 1) { __typename name: id } }'))).toEqual([]);
});
