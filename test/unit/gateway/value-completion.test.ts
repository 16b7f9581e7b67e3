import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { loadSupergraph } from '../../../gateway/supergraph';
import { fieldOwners, useValueCompletion } from '../../../gateway/plugins/value-completion';

// @apollo/gateway reports a null that propagated from a non-null field only under
// extensions.valueCompletion (when no subgraph reported an error): the plugin moves it into `errors`.
const { full } = loadSupergraph();
const plugin = useValueCompletion(full);
const answering = (result: Awaited<ReturnType<GatewayExecutor>>) => plugin.wrapExecutor!(async () => result);
const rc = {} as Parameters<GatewayExecutor>[0];

test('a field is owned by the subgraphs that resolve it, not those that only reference it', () => {
  const owners = fieldOwners(full);
  expect(owners.get('NaturalPerson.name')).toEqual(['natural-persons']);
  expect(owners.get('LegalPerson.name')).toEqual(['legal-persons']);
});

test('a query answered data null with only valueCompletion gets an error naming the field, its path and subgraph', async () => {
  const path = ['legalPerson', 'legalRepresentativeHistory', 0, 'person', 'name'];
  const result = await answering({ data: null, extensions: { valueCompletion: [{ message: 'Cannot return null for non-nullable field NaturalPerson.name.', path }] } })(rc);
  expect(result.data).toBeNull();
  expect(result.extensions).toBeUndefined();
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0].path).toEqual(path);
  expect(result.errors![0].extensions).toEqual({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'natural-persons', field: 'NaturalPerson.name' });
  expect(result.errors![0].message).not.toMatch(/Cannot return null/);
});

test('a null list element keeps its path; other extensions and errors stay as they were', async () => {
  const result = await answering({ data: { a: null }, errors: undefined, extensions: { other: 1, valueCompletion: [{ message: 'Cannot return null for non-nullable array element of type X at index 0.', path: ['a', 0] }] } })(rc);
  expect(result.extensions).toEqual({ other: 1 });
  expect(result.errors![0].path).toEqual(['a', 0]);
  expect(result.errors![0].extensions.code).toBe('DOWNSTREAM_SERVICE_ERROR');
});

test('an answer without valueCompletion is passed through untouched', async () => {
  const answer = { data: { a: 1 } };
  expect(await answering(answer)(rc)).toBe(answer);
});
