import { naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { makeResidentId } from '../../subgraphs/kit/protocol/codes';
import { demoClients } from '../support/matrix';
import { startStack, type Stack } from '../support/stack';

// A caller that may not read a natural person must not learn whether the platform knows that person:
// a registered person it may not read and an unknown resident id number get the same answer, for every
// client of the matrix, through the single lookup and the batch (10,000 numbers a request would map the
// population registry). A caller that may read the registered one learns of it legitimately.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_existence_oracle');
}, 180_000);
afterAll(() => stack.stop());

const REGISTERED = naturalPersonAt(1).idNumber;
const UNKNOWN = makeResidentId('440524', '18800101', '001');

const answerAt = (res: { data?: any; errors?: { path?: (string | number)[]; extensions?: { code?: string } }[] }, path: string, value: unknown) => ({
  value: value ?? null,
  codes: (res.errors ?? []).filter((e) => (e.path ?? []).join('.') === path).map((e) => e.extensions?.code),
});

test.each(demoClients().map((c) => [c.id ?? 'the public', c] as const))('%s: an unknown id number looks like a registered person it may not read', async (_, client) => {
  const purpose = client.purposes[0];
  const batch = await stack.query('query P($ids: [ResidentIdNumber!]!) { naturalPersons(idNumbers: $ids) { id } }', { variables: { ids: [REGISTERED, UNKNOWN] }, clientId: client.id ?? undefined, purpose });
  const single = await Promise.all([REGISTERED, UNKNOWN].map((id) => stack.query('query P($id: ResidentIdNumber!) { naturalPerson(idNumber: $id) { id } }', { variables: { id }, clientId: client.id ?? undefined, purpose })));
  const registered = answerAt(batch, 'naturalPersons.0', batch.data?.naturalPersons?.[0]);
  if (registered.value) return; // the caller may read the person: its existence is no secret to it
  expect(answerAt(batch, 'naturalPersons.1', batch.data?.naturalPersons?.[1])).toEqual(registered);
  expect(answerAt(single[1], 'naturalPerson', single[1].data?.naturalPerson)).toEqual(answerAt(single[0], 'naturalPerson', single[0].data?.naturalPerson));
  expect(single[1].errors?.map((e) => e.extensions?.code)).toEqual(single[0].errors?.map((e) => e.extensions?.code));
});
