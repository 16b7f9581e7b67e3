import { DEMO_SUBJECT, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { makeResidentId } from '../../subgraphs/kit/protocol/codes';
import { startStack, type Stack } from '../support/stack';

// Hostile review: a caller that may not read a natural person must not learn whether the platform knows
// that person. Today a registered person the caller may not read answers FORBIDDEN while an unknown
// resident id number answers a plain null: an existence oracle over the population registry, 10,000
// numbers a request through naturalPersons.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_hostile_person_oracle');
}, 180_000);
afterAll(() => stack.stop());

const REGISTERED_OTHER = naturalPersonAt(1).idNumber;
const UNKNOWN = '440524188001010014'; // valid (DOMAIN.md), not in the demo registry

test.each([
  ['demo-person', 'SELF_QUERY'],
  ['demo-subject', 'SELF_QUERY'],
])('%s cannot tell a registered person it may not read from an unknown id number', async (clientId, purpose) => {
  expect(UNKNOWN).not.toBe(DEMO_SUBJECT.legalRepresentativeIdNumber);
  const q = `query P($ids: [ResidentIdNumber!]!) { naturalPersons(idNumbers: $ids) { id } }`;
  const res = await stack.query(q, { variables: { ids: [REGISTERED_OTHER, UNKNOWN] }, clientId, purpose });
  const answerFor = (i: number) => ({
    value: res.data?.naturalPersons?.[i] ?? null,
    errors: (res.errors ?? []).filter((e) => e.path?.join('.') === `naturalPersons.${i}`).map((e) => e.extensions?.code),
  });
  // Both are rows the caller may not read: the answer must be the same for both.
  expect(answerFor(0)).toEqual(answerFor(1));
});

test('the single-row field gives the same oracle', async () => {
  const q = `query P($id: ResidentIdNumber!) { naturalPerson(idNumber: $id) { id } }`;
  const known = await stack.query(q, { variables: { id: REGISTERED_OTHER }, clientId: 'demo-person', purpose: 'SELF_QUERY' });
  const unknown = await stack.query(q, { variables: { id: makeResidentId('440524', '19800101', '001') }, clientId: 'demo-person', purpose: 'SELF_QUERY' });
  expect((known.errors ?? []).map((e) => e.extensions?.code)).toEqual((unknown.errors ?? []).map((e) => e.extensions?.code));
});
