import { Kind, parse, print } from 'graphql';
import { deriveSupergraph } from '../../../gateway/supergraph';
import type { Caller } from '../../../subgraphs/kit/protocol/caller';
import { both, readRequirements, satisfied, type Requirements } from '../../../subgraphs/kit/protocol/directives';
import { grantsOf } from '../../../subgraphs/kit/protocol/policies';
import { allows, demoClients, type Client } from '../../support/matrix';
import { CANONICAL, composeOne, IMPLEMENTATIONS, interfaceSdl, withoutInterfaceCopies } from '../../support/directive-fixtures';
import { testCaller } from '../../support/subgraph-client';

// GHSA-x33c-7c2v-mrj9: a field selected through an interface must require what every implementation
// requires, and the interface what every implementing type requires. Composition copies them onto the
// interface since federation#3321; a supergraph composed before that, and a subgraph's SDL, do not.

const composed = composeOne('items', interfaceSdl());
/** The same supergraph as a composition before federation#3321 wrote it: nothing on the interface. */
const uncopied = withoutInterfaceCopies(composed);

function callerOf(client: Client): Caller {
  return testCaller({ clientId: client.id, kind: client.kind as Caller['kind'], scopes: [...client.scopes] });
}

test('composition 2.14 copies the implementations\' requirements onto the interface; the uncopied variant has none', () => {
  expect(composed).toMatch(/interface Item[^{]*@authenticated/);
  const iface = parse(uncopied).definitions.find((d) => d.kind === Kind.INTERFACE_TYPE_DEFINITION)!;
  expect(print(iface)).not.toMatch(/@authenticated|@requiresScopes|@policy/);
});

describe.each([
  ['the supergraph as composition 2.14 writes it', () => readRequirements(deriveSupergraph(composed).full, CANONICAL)],
  ['a supergraph composed before federation#3321', () => readRequirements(deriveSupergraph(uncopied).full, CANONICAL)],
  ['the subgraph SDL', () => readRequirements(parse(interfaceSdl()))],
])('%s', (_name, read) => {
  const reqs: Requirements = read();
  test.each(demoClients().map((c) => [c.id ?? 'public', c] as const))('%s: Item and Item.title need what every implementation needs', (_id, client) => {
    const grants = grantsOf(callerOf(client), reqs);
    expect(satisfied(reqs.types.get('Item'), grants)).toBe(IMPLEMENTATIONS.every((i) => allows(i.typeReq, client)));
    expect(satisfied(reqs.fields.get('Item.title'), grants)).toBe(IMPLEMENTATIONS.every((i) => allows(i.titleReq, client)));
    for (const i of IMPLEMENTATIONS) expect(satisfied(reqs.fields.get(`${i.type}.title`), grants)).toBe(allows(i.titleReq, client));
  });
});

test('both(): alternatives pair up, and a group holding another drops out', () => {
  const req = (scopes: string[][]) => ({ authenticated: false, scopes, policies: null });
  // (a or b) and (a or c) = a or (b and c)
  expect(both(req([['a'], ['b']]), req([['a'], ['c']]))).toEqual(req([['a'], ['b', 'c']]));
  expect(both(req([['a']]), req([['a']]))).toEqual(req([['a']]));
  expect(both(req([]), req([['a']]))).toEqual(req([])); // nobody can satisfy [] alone, nor with more
  expect(both({ authenticated: true, scopes: null, policies: null }, req([['a']]))).toEqual({ authenticated: true, scopes: [['a']], policies: null });
  expect(both(undefined, req([['a']]))).toEqual(req([['a']]));
});

test('type extensions add to the definition\'s requirements instead of being skipped', () => {
  const reqs = readRequirements(parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@authenticated", "@requiresScopes"])
type Query { a: T }
type T { x: String }
extend type T @authenticated { y: String @requiresScopes(scopes: [["s"]]) }`));
  expect(reqs.types.get('T')).toEqual({ authenticated: true, scopes: null, policies: null });
  expect(reqs.fields.get('T.y')).toEqual({ authenticated: false, scopes: [['s']], policies: null });
});
