import { readFileSync } from 'node:fs';
import { AUTHORIZATION_FILE, parseRegistry } from '../../gateway/clients';
import { startGateway, type RunningGateway } from '../../gateway/index';
import { DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { maskResidentId } from '../../subgraphs/kit/protocol/codes';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { startStack, type Stack } from '../support/stack';

// Field authorization, row level, masking and purposes, end to end through the gateway.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_authz');
});
afterAll(() => stack.stop());

const RECORDS = `query($uscc: USCC!) { legalPerson(uscc: $uscc) { name creditRecords(first: 2) { totalCount } } }`;

const unauthorizedPaths = (errors: { path?: (string | number)[]; extensions?: Record<string, any> }[] = []) =>
  errors.filter((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE').map((e) => e.path?.join('.'));

const WITH_REPRESENTATIVE = `query($uscc: USCC!) { legalPerson(uscc: $uscc) { name legalRepresentative { name } } }`;

test('the same query alternating between two callers never serves one caller the other one\'s plan', async () => {
  const naturalPersons = stack.subgraphs['natural-persons'].counter;
  for (let round = 0; round < 3; round++) {
    const admin = await stack.query(WITH_REPRESENTATIVE, { variables: { uscc: DEMO_SUBJECT.uscc }, clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' });
    expect(admin.errors).toBeUndefined();
    expect(admin.data.legalPerson.legalRepresentative.name).toBeTruthy();
    naturalPersons.start();
    const agency = await stack.query(WITH_REPRESENTATIVE, { variables: { uscc: DEMO_SUBJECT.uscc }, clientId: 'demo-agency', purpose: 'BIDDING' });
    const sql = naturalPersons.stop();
    expect(agency.data.legalPerson).toEqual({ name: DEMO_SUBJECT.name, legalRepresentative: null });
    expect(unauthorizedPaths(agency.errors)).toEqual(['legalPerson.legalRepresentative']);
    // The natural-persons subgraph was never asked: the field did not reach query planning.
    expect(sql).toEqual([]);
  }
});

test('a non-null unauthorized field nulls its nearest nullable parent', async () => {
  const res = await stack.query(`{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { name dishonestRecordCount } }`);
  expect(res.data).toEqual({ legalPerson: null });
  expect(unauthorizedPaths(res.errors)).toEqual(['legalPerson.dishonestRecordCount']);
});

test('an association sees its member companies only; others are FORBIDDEN with no data', async () => {
  const member = legalPersonAt(3).uscc;
  const other = legalPersonAt(77).uscc;
  const one = await stack.query(RECORDS, { variables: { uscc: other }, clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' });
  expect(one.data.legalPerson).toBeNull();
  expect(one.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const batch = await stack.query(`query($u: [USCC!]!) { legalPersons(usccs: $u) { uscc creditRecords { totalCount } } }`, {
    variables: { u: [member, other] }, clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION',
  });
  expect(batch.data.legalPersons[0].uscc).toBe(member);
  expect(batch.data.legalPersons[1]).toBeNull();
  expect(batch.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', 'legalPersons.1']]);
});

test('a non-member reached through another subgraph is refused as well', async () => {
  const res = await stack.query(`{ listEntries(filter: { listType: BLACK }, first: 3) { edges { node { subject { ... on LegalPerson { uscc listEntries { id } } } } } } }`, {
    clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION',
  });
  // The refused company is null in its entry, with FORBIDDEN at its path: no data leaks, and the page stays.
  const subjects = res.data.listEntries.edges.map((e: { node: { subject: unknown } }) => e.node.subject);
  expect(subjects).toContain(null);
  expect(subjects.every((s: object | null) => s === null || Object.keys(s).length === 0)).toBe(true);
  // One FORBIDDEN per refused company, at a subject path (the gateway may name another index of the page).
  expect(res.errors?.map((e) => [e.extensions?.code, e.path?.join('.').replace(/\.\d+\./, '.N.')])).toEqual(
    subjects.filter((s: unknown) => s === null).map(() => ['FORBIDDEN', 'listEntries.edges.N.node.subject']),
  );
});

test('an unpublished entry is seen by official bodies, not by an association or a subject it is not about', async () => {
  const uscc = legalPersonAt(64).uscc;
  const listed = await stack.query(`mutation($u: ID!) { listSubject(input: { subjectType: LEGAL_PERSON, subjectId: $u, listType: KEY_ATTENTION, domain: "market-supervision", basis: "内部研判", decidedOn: "2026-06-01", published: false }) { id } }`, {
    variables: { u: uscc }, clientId: 'demo-department', purpose: 'DAILY_SUPERVISION',
  });
  const id = listed.data.listSubject.id;
  const read = (clientId: string, purpose: string) =>
    stack.query(`query($id: ID!, $u: ID) { listEntry(id: $id) { id } listEntries(filter: { subjectId: $u }) { totalCount } }`, { variables: { id, u: uscc }, clientId, purpose });
  expect((await read('demo-court', 'JUDICIAL')).data).toEqual({ listEntry: { id }, listEntries: { totalCount: 1 } });
  for (const [clientId, purpose] of [['demo-association', 'INDUSTRY_SELF_REGULATION'], ['demo-subject', 'SELF_QUERY']]) {
    expect((await read(clientId, purpose)).data).toEqual({ listEntry: null, listEntries: { totalCount: 0 } });
  }
});

test('a subject sees itself and is refused any other company', async () => {
  const self = await stack.query(RECORDS, { variables: { uscc: DEMO_SUBJECT.uscc }, clientId: 'demo-subject', purpose: 'SELF_QUERY' });
  expect(self.data.legalPerson.creditRecords.totalCount).toBeGreaterThan(0);
  const other = await stack.query(RECORDS, { variables: { uscc: legalPersonAt(5).uscc }, clientId: 'demo-subject', purpose: 'SELF_QUERY' });
  expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

test('resident id numbers are masked for a department and full for a court', async () => {
  const query = `{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { legalRepresentative { idNumber } } }`;
  const department = await stack.query(query, { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' });
  const court = await stack.query(query, { clientId: 'demo-court', purpose: 'JUDICIAL' });
  expect(department.data.legalPerson.legalRepresentative.idNumber).toBe(maskResidentId(DEMO_SUBJECT.legalRepresentativeIdNumber));
  expect(court.data.legalPerson.legalRepresentative.idNumber).toBe(DEMO_SUBJECT.legalRepresentativeIdNumber);
});

test('non-public fields need a purpose the client may use', async () => {
  const missing = await stack.query(RECORDS, { variables: { uscc: DEMO_SUBJECT.uscc }, clientId: 'demo-department' });
  expect(missing.errors?.[0].extensions?.code).toBe('PURPOSE_REQUIRED');
  expect(missing.data ?? null).toBeNull();
  const wrong = await stack.query(RECORDS, { variables: { uscc: DEMO_SUBJECT.uscc }, clientId: 'demo-court', purpose: 'BIDDING' });
  expect(wrong.status).toBe(403);
  expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'PURPOSE_NOT_ALLOWED', allowedPurposes: ['JUDICIAL'] });
  const unknown = await stack.query(RECORDS, { variables: { uscc: DEMO_SUBJECT.uscc }, clientId: 'demo-court', purpose: 'CURIOSITY' });
  expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'X-Query-Purpose', rule: 'UNKNOWN_PURPOSE' });
  const publicOnly = await stack.query(`{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { name } }`, { clientId: 'demo-department' });
  expect(publicOnly.errors).toBeUndefined();
  // A mutation is an action; only non-public data it returns needs a purpose.
  const action = `mutation { revokeListEntry(id: "no-such-entry", reason: "x") { id %s } }`;
  const plain = await stack.query(action.replace('%s', ''), { clientId: 'demo-department' });
  expect(plain.errors?.[0].extensions?.code).not.toBe('PURPOSE_REQUIRED');
  const reading = await stack.query(action.replace('%s', 'history { event }'), { clientId: 'demo-department' });
  expect(reading.errors?.[0].extensions?.code).toBe('PURPOSE_REQUIRED');
});

test('the public sees published list entries and double-publicity decisions inside their window only', async () => {
  const res = await stack.query(`{ listEntries(first: 100) { edges { node { published } } } legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { publicDecisions(first: 50) { edges { node { decisionKind penaltyTier public } } } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.listEntries.edges.every((e: { node: { published: boolean } }) => e.node.published)).toBe(true);
  for (const { node } of res.data.legalPerson.publicDecisions.edges) {
    expect(node.public).toBe(true);
    expect(['LICENSING', 'PENALTY']).toContain(node.decisionKind);
    expect(node.penaltyTier).not.toBe('MINOR');
  }
});

test('a variable used only by a removed field does not break the filtered operation', async () => {
  const res = await stack.query(`query($id: ResidentIdNumber!, $uscc: USCC!) { legalPerson(uscc: $uscc) { name } naturalPerson(idNumber: $id) { name } }`, {
    variables: { id: DEMO_SUBJECT.legalRepresentativeIdNumber, uscc: DEMO_SUBJECT.uscc },
  });
  expect(res.data).toEqual({ legalPerson: { name: DEMO_SUBJECT.name }, naturalPerson: null });
  expect(unauthorizedPaths(res.errors)).toEqual(['naturalPerson']);
});

test('a client over its requests per minute gets 429 RATE_LIMITED with Retry-After; other clients are unaffected', async () => {
  const text = readFileSync(AUTHORIZATION_FILE, 'utf8').replace(/(  AGENCY:\n(?:    .*\n)*?    requestsPerMinute: )\d+/, '$12');
  const limited = await startGateway({ port: 0, keys: stack.keys, urlOf: (name: SubgraphName) => `${stack.subgraphs[name].url}/graphql`, registry: parseRegistry(text) });
  try {
    const send = async (clientId: string) =>
      fetch(`${limited.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(clientId)}` }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect((await send('demo-agency')).status).toBe(200);
    expect((await send('demo-agency')).status).toBe(200);
    const third = await send('demo-agency');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await third.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await send('demo-department')).status).toBe(200);
  } finally {
    await limited.stop();
  }
});

describe('configurable modes', () => {
  let reject: RunningGateway;
  let dryRun: RunningGateway;
  beforeAll(async () => {
    const urlOf = (name: SubgraphName) => `${stack.subgraphs[name].url}/graphql`;
    reject = await startGateway({ port: 0, keys: stack.keys, urlOf, authorizationMode: 'reject' });
    dryRun = await startGateway({ port: 0, keys: stack.keys, urlOf, authorizationMode: 'dry-run' });
  });
  afterAll(async () => {
    await reject.stop();
    await dryRun.stop();
  });

  test('dry-run mode reports what it would remove and filters nothing; the subgraph still refuses the field', async () => {
    const res = await fetch(`${dryRun.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('demo-agency')}`, 'x-query-purpose': 'BIDDING' },
      body: JSON.stringify({ query: WITH_REPRESENTATIVE, variables: { uscc: DEMO_SUBJECT.uscc } }),
    });
    const body = (await res.json()) as { data: any; errors?: { extensions: { code: string } }[]; extensions: { authorizationDryRun: string[][] } };
    expect(body.extensions.authorizationDryRun).toEqual([['legalPerson', 'legalRepresentative']]);
    // Defense in depth: the legal-persons subgraph enforces @requiresScopes itself.
    expect(body.data.legalPerson).toEqual({ name: DEMO_SUBJECT.name, legalRepresentative: null });
    expect(body.errors?.map((e) => e.extensions.code)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
  });

  test('reject mode refuses the whole operation instead of filtering', async () => {
    const res = await fetch(`${reject.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('demo-agency')}`, 'x-query-purpose': 'BIDDING' },
      body: JSON.stringify({ query: RECORDS, variables: { uscc: DEMO_SUBJECT.uscc } }),
    });
    const body = (await res.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data ?? null).toBeNull();
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
  });
});
