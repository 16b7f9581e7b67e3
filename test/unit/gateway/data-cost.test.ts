import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { dataCost } from '../../../gateway/plugins/data-cost';

// The data cost counts what the subgraphs will resolve: list arguments by their length, pages by the
// `first` they will read — given, from a variable, or the field's own default when omitted.
const schema = buildSchema(`
  type Query { items(codes: [String!]!): [Item]! page(first: Int = 50): [Item!]! feed(first: Int): [Item!]! }
  type Item { a: String b: String children(first: Int = 5): [Item!]! }
`);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return dataCost({ schema, document, operation, request: { variables } } as unknown as GatewayGraphQLRequestContext);
}

test('a list argument multiplies its field\'s children by its length, from a literal or a variable', () => {
  expect(cost('{ items(codes: ["x", "y", "z"]) { a b } }')).toBe(1 + 3 * 2);
  expect(cost('query($c: [String!]!) { items(codes: $c) { a b } }', { c: Array(10_000).fill('x') })).toBe(1 + 10_000 * 2);
});

test('a page counts `first` as given, from a variable, or the schema default when omitted', () => {
  expect(cost('{ page(first: 3) { a } }')).toBe(1 + 3);
  expect(cost('query($n: Int) { page(first: $n) { a } }', { n: 7 })).toBe(1 + 7);
  expect(cost('{ page { a } }')).toBe(1 + 50);
  expect(cost('{ feed { a } }')).toBe(1 + 20); // no default declared: the page the gateway assumes
  expect(cost('{ page(first: 2) { children { a } } }')).toBe(1 + 2 * (1 + 5));
});

test('fragments count like the fields they hold', () => {
  expect(cost('{ page(first: 4) { ...F } } fragment F on Item { a b }')).toBe(cost('{ page(first: 4) { a b } }'));
  expect(cost('{ page(first: 4) { ... on Item { a b } } }')).toBe(1 + 4 * 2);
});

test('a list variable left out counts by its default', () => {
  expect(cost('query($c: [String!]! = ["x", "y"]) { items(codes: $c) { a } }')).toBe(1 + 2);
  expect(cost('query($c: [String!]! = ["x", "y"]) { items(codes: $c) { a } }', { c: ['x'] })).toBe(1 + 1);
});
