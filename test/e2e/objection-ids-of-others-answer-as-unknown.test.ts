import { legalPersonAt, recordsForLegalPerson } from '../../subgraphs/kit/demo/demo-data';
import { recordId } from '../../subgraphs/kit/credit-records/record-id';
import { startStack, type Stack } from '../support/stack';

// Hostile review: the objections subgraph is an existence oracle for a SUBJECT caller. An id it may not
// read and an id nobody holds must get the same answer; today someone else's objection, repair
// application or non-public credit record is FORBIDDEN while an unknown one is null / NOT_FOUND.
// Seeded record ids are sha256(provider, providerRecordId) ("lp-rec:<i>:<n>"), so a subject can compute
// them and learn which providers hold which (non-public) records about other subjects.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_h2_objection_oracles');
}, 180_000);
afterAll(() => stack.stop());

const self = { clientId: 'demo-subject', purpose: 'SELF_QUERY' };
const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
const UNKNOWN = '00000000-0000-4000-8000-00000000abcd';

const shape = (res: { data?: any; errors?: { extensions?: Record<string, unknown> }[] }, key: string) => ({
  value: res.data?.[key] ?? null,
  codes: (res.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.rule ?? null]),
});

test('objection(id) and repairApplication(id): another subject\'s id answers like an unknown id', async () => {
  const queue = await stack.query('{ objectionQueue(first: 50) { edges { node { id subject { ... on LegalPerson { uscc } } } } } }', admin);
  const other = queue.data.objectionQueue.edges.map((e: any) => e.node).find((n: any) => n.subject?.uscc && n.subject.uscc !== '91310106265UHPPC1B');
  expect(other).toBeDefined();
  const known = await stack.query('query($id: ID!) { objection(id: $id) { id status } }', { variables: { id: other.id }, ...self });
  const unknown = await stack.query('query($id: ID!) { objection(id: $id) { id status } }', { variables: { id: UNKNOWN }, ...self });
  // Today: known → FORBIDDEN "a subject may read its own objections…", unknown → { objection: null } with no error.
  expect(shape(known, 'objection')).toEqual(shape(unknown, 'objection'));
});

test('fileObjection / applyForRepair: another subject\'s non-public credit record answers like an unknown record', async () => {
  // A non-public record of legal person 2, its id computed from the provider key as a caller could.
  const record = recordsForLegalPerson(2, legalPersonAt(2)).find((r) => !r.public)!;
  expect(record).toBeDefined();
  const id = recordId(record.provider, record.providerRecordId);
  // The platform confirms it exists and is not public (and not the caller's).
  const seen = await stack.query('query($u: USCC!) { legalPerson(uscc: $u) { creditRecords(first: 100) { edges { node { id public } } } } }', { variables: { u: legalPersonAt(2).uscc }, ...admin });
  expect(seen.data.legalPerson.creditRecords.edges.map((e: any) => e.node)).toContainEqual({ id, public: false });

  const FILE = 'mutation($id: ID!) { fileObjection(input: { targetType: CREDIT_RECORD, targetId: $id, reason: "x" }) { id } }';
  const REPAIR = 'mutation($id: ID!) { applyForRepair(input: { creditRecordId: $id, evidence: [PUBLIC_CREDIT_COMMITMENT] }) { id } }';
  for (const [op, key] of [[FILE, 'fileObjection'], [REPAIR, 'applyForRepair']] as const) {
    const known = await stack.query(op, { variables: { id }, ...self });
    const unknown = await stack.query(op, { variables: { id: UNKNOWN }, ...self });
    // Today: known → FORBIDDEN NOT_THE_RECORD_SUBJECT, unknown → NOT_FOUND CREDIT_RECORD_NOT_FOUND.
    expect(shape(known, key)).toEqual(shape(unknown, key));
  }
});
