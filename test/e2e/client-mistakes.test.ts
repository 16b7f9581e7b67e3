import { startGateway } from '../../gateway/index';
import { DEMO_ORGS, DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { startStack, type Stack } from '../support/stack';

// A client's mistake is a 4xx with a code and a short message: never a 500, never a stack trace,
// never the client's own 7 MB echoed back.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_mistakes');
});
afterAll(() => stack.stop());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

const codes = (r: Awaited<ReturnType<typeof post>>) => r.json.errors?.map((e) => e.extensions?.code);
const TWO_OPERATIONS = `query A { legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { name } } query B { legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { status } }`;

test.each([
  ['an unknown operationName', { query: TWO_OPERATIONS, operationName: 'C' }],
  ['several operations without operationName', { query: TWO_OPERATIONS }],
  ['an operationName that is not a string', { query: TWO_OPERATIONS, operationName: 7 }],
  ['variables that are not an object', { query: '{ __typename }', variables: [1] }],
])('%s is a 400 with a code', async (_what, body) => {
  const res = await post(body);
  expect(res.status).toBe(400);
  expect(codes(res)?.every((c) => typeof c === 'string' && c !== 'INTERNAL_SERVER_ERROR')).toBe(true);
  expect(res.text).not.toMatch(/\bat .*\.(js|ts):\d+/);
});

test.each([
  ['over the token limit', `{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { ${Array.from({ length: 3000 }, (_, i) => `f${i}: name`).join(' ')} } }`],
  // graphql-js's field-merging check is quadratic in repeats of one response key: refused before it runs.
  ['one field repeated 1,000 times', `{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { ${Array.from({ length: 1000 }, () => 'listEntries { id }').join(' ')} } }`],
  ['repeats spread through fragments', `{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { ${Array.from({ length: 50 }, () => '...F').join(' ')} } } fragment F on LegalPerson { name }`],
  ['a fragment bomb', `{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { ...A } } ${Array.from({ length: 12 }, (_, i) => `fragment ${String.fromCharCode(65 + i)} on LegalPerson { ${i === 11 ? 'name' : `a${i}: legalRepresentative { id } ...${String.fromCharCode(66 + i)} ...${String.fromCharCode(66 + i)}`} }`).join(' ')}`],
])('a query %s is QUERY_TOO_COMPLEX, 400, answered at once', async (_what, query) => {
  const started = Date.now();
  const res = await post({ query });
  expect(res.status).toBe(400);
  expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX']);
  expect(Date.now() - started).toBeLessThan(5000);
});

test('the cost counts list arguments by their length', async () => {
  const usccs = Array.from({ length: 10_000 }, () => DEMO_SUBJECT.uscc);
  const heavy = 'query($u: [USCC!]!) { legalPersons(usccs: $u) { uscc legalRepresentative { name listEntries { id } creditRecords(first: 50) { edges { node { title } } } } } }';
  const res = await post({ query: heavy, variables: { u: usccs } });
  expect(res.status).toBe(400);
  expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX']);
  expect(res.json.errors?.[0].message).toMatch(/costs \d+ with its variables/);
});

test('several operations: the named one runs, and a fragment only the other one uses does not matter', async () => {
  const res = await post({ query: `query A { legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { name } } query B($u: USCC!) { ...F } fragment F on Query { legalPerson(uscc: $u) { name } }`, operationName: 'A' });
  expect(res.status).toBe(200);
  expect(res.json).toEqual({ data: { legalPerson: { name: DEMO_SUBJECT.name } } });
});

test('missing or null required variables are refused even when the filter removed every root field', async () => {
  // The public may not read creditRecords, so the filter removes the only root field: the variable is still checked.
  const query = 'query($uscc: USCC!) { legalPerson(uscc: $uscc) { creditRecords(first: 1) { totalCount } } }';
  for (const variables of [{}, { uscc: null }]) {
    const res = await post({ query, variables });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  }
});

test('a code refused in a batch variable names the item: its path in the variables, and the rule', async () => {
  const res = await post({ query: 'query($u: [USCC!]!) { legalPersons(usccs: $u) { name } }', variables: { u: [DEMO_SUBJECT.uscc, '91110000600037341M'] } });
  expect(res.json.errors?.map((e: { extensions?: unknown }) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'u[1]', rule: 'USCC_CHECK_CHARACTER' })]);
});

test('a huge invalid variable is quoted as a short prefix, not echoed', async () => {
  const huge = 'X'.repeat(7 * 1024 * 1024);
  const res = await post({ query: 'query($uscc: USCC!) { legalPerson(uscc: $uscc) { name } }', variables: { uscc: huge } });
  expect(res.status).toBe(400);
  expect(res.text.length).toBeLessThan(4096);
});

test('an answer over the response-size limit is refused whole, with a code', async () => {
  const small = await startGateway({ port: 0, keys: stack.keys, urlOf: (name: SubgraphName) => `${stack.subgraphs[name].url}/graphql`, maxResponseBytes: 2_000 });
  try {
    const usccs = Array.from({ length: 200 }, (_, i) => legalPersonAt(i).uscc);
    const res = await fetch(`${small.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($u: [USCC!]!) { legalPersons(usccs: $u) { uscc name } }', variables: { u: usccs } }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' }, message: expect.stringMatching(/at most 2000 are sent/) });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  } finally {
    await small.stop();
  }
});

// A mutation's answer is estimated before it runs (gateway/plugins/answer-size.ts); a text longer than the
// estimate allows can still make it larger. Once the mutation ran it may have committed: the answer is
// withheld (the size limit holds) and the refusal says the mutation was carried out (a plain 400 would be sent again).
test('a mutation whose answer turns out over the size limit once it ran is withheld saying it was carried out', async () => {
  const small = await startGateway({ port: 0, keys: stack.keys, urlOf: (name: SubgraphName) => `${stack.subgraphs[name].url}/graphql`, maxResponseBytes: 2_000 });
  try {
    const record = (id: string, item: string) => ({
      subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局', title: '日常检查', content: '检查',
      decidedOn: '2026-03-01', public: false, dishonest: false, provider: DEMO_ORGS.department.org, providerRecordId: id, item,
    });
    // One record stored, ten rejected with messages quoting a 200-character item code.
    const records = [record('over-size-0', 'LP-SUPERVISION'), ...Array.from({ length: 10 }, (_, i) => record(`over-size-${i + 1}`, 'X'.repeat(200)))];
    const token = await stack.token('demo-department');
    const submit = (selection: string) => fetch(`${small.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'DAILY_SUPERVISION' },
      body: JSON.stringify({ query: `mutation($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { ${selection} } }`, variables: { r: records } }),
    });
    const res = await submit('created results { message }');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text.length).toBeLessThan(2_000);
    const body = JSON.parse(text);
    expect(body.data).toBeNull();
    expect(body.errors.map((e: { extensions?: unknown }) => e.extensions)).toEqual([{ code: 'QUERY_TOO_COMPLEX', rule: 'MAX_RESPONSE_BYTES', mutationRan: true }]);
    expect(body.errors[0].message).toMatch(/carried out/);
    // It was: the same batch again (idempotent) finds the record stored.
    expect((await (await submit('created unchanged')).json()).data.submitCreditRecords).toEqual({ created: 0, unchanged: 1 });
  } finally {
    await small.stop();
  }
});

test('a long document under the token limit is answered (no hidden lower limit)', async () => {
  // About 1,500 tokens: a 700-code literal list (armor's own default token limit was 1,000).
  const codes700 = Array.from({ length: 700 }, (_, i) => `"${legalPersonAt(i % 600).uscc}"`).join(' ');
  const res = await post({ query: `query A { legalPersons(usccs: [${codes700}]) { uscc } } query B { __typename }`, operationName: 'A' });
  expect(res.status).toBe(200);
  expect(res.json.errors).toBeUndefined();
  expect((res.json.data as { legalPersons: unknown[] }).legalPersons).toHaveLength(700);
});

test.each([
  ['any purpose it declares', `{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { uscc } }`],
  ['a query over the token limit', `{ legalPersons(usccs: [${Array.from({ length: 5000 }, () => `"${DEMO_SUBJECT.uscc}"`).join(' ')}]) { uscc } }`],
])('a refused token is 401 whatever else is wrong: %s', async (_what, query) => {
  const res = await post({ query }, { authorization: 'Bearer not-a-token', 'x-query-purpose': 'ADMINISTRATIVE_APPROVAL' });
  expect(res.status).toBe(401);
  expect(codes(res)).toEqual(['UNAUTHENTICATED']);
});

test('an unpaired surrogate in a variable is BAD_USER_INPUT naming where, before anything is stored', async () => {
  const record = (id: string, title: string) => ({
    subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, category: 'SUPERVISION', sourceDepartment: '静安区市场监督管理局', title, content: '罚款',
    decidedOn: '2026-03-01', public: false, dishonest: false, provider: DEMO_ORGS.department.org, providerRecordId: id, item: 'LP-SUPERVISION',
  });
  const submit = (title: string) =>
    stack.query('mutation S($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { created } }', {
      variables: { r: [record('surrogate-1', '行政处罚决定'), record('surrogate-2', title)] }, clientId: 'demo-department', purpose: 'DAILY_SUPERVISION',
    });
  const refused = await submit('行政处罚决定\ud800');
  expect(refused.status).toBe(400);
  expect(refused.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'r[1].title', rule: 'UNPAIRED_SURROGATE' })]);
  expect(refused.errors?.[0].extensions).not.toHaveProperty('http');
  // Nothing of the batch was stored: the same batch, well-formed, creates both records.
  const taken = await submit('行政处罚决定😀');
  expect(taken.data).toEqual({ submitCreditRecords: { created: 2 } });
});

test('record dates against today: none after it, and no dishonesty record already past its query period — refused per record, naming the field, for both subject types', async () => {
  const record = (subjectType: string, id: string, dates: Record<string, string>) => ({
    subjectType, subjectId: subjectType === 'LEGAL_PERSON' ? DEMO_SUBJECT.uscc : DEMO_SUBJECT.legalRepresentativeIdNumber, subjectName: '万诺平', category: 'SUPERVISION',
    sourceDepartment: '静安区市场监督管理局', title: '行政处罚决定', content: '罚款', decidedOn: '2026-03-01', public: true, dishonest: true, decisionKind: 'PENALTY', penaltyTier: 'GENERAL',
    provider: DEMO_ORGS.department.org, providerRecordId: id, item: subjectType === 'LEGAL_PERSON' ? 'LP-SUPERVISION' : 'NP-SUPERVISION', ...dates,
  });
  const cases = [
    [{ decidedOn: '2099-05-01' }, 'decidedOn', 'DECIDED_IN_FUTURE'],
    [{ publishedOn: '2099-01-01' }, 'publishedOn', 'PUBLISHED_IN_FUTURE'],
    [{ behaviourEndedOn: '9999-12-31' }, 'behaviourEndedOn', 'ENDED_IN_FUTURE'],
    [{ decidedOn: '2015-01-05', behaviourEndedOn: '2015-01-05' }, 'behaviourEndedOn', 'PAST_QUERY_PERIOD'],
  ] as const;
  const records = ['LEGAL_PERSON', 'NATURAL_PERSON'].flatMap((type) => cases.map(([dates], i) => record(type, `dates-${type}-${i}`, dates)));
  const res = await stack.query('mutation S($r: [CreditRecordInput!]!) { submitCreditRecords(records: $r) { created forwarded rejected results { index status field rule } } }', {
    variables: { r: records }, clientId: 'demo-department', purpose: 'DAILY_SUPERVISION',
  });
  expect(res.data.submitCreditRecords).toMatchObject({ created: 0, forwarded: 0, rejected: records.length });
  expect(res.data.submitCreditRecords.results).toEqual(records.map((_, i) => ({ index: i, status: 'REJECTED', field: `records[${i}].${cases[i % cases.length][1]}`, rule: cases[i % cases.length][2] })));
});
