import { DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { demoClients } from '../support/matrix';
import { startStack, type Stack } from '../support/stack';

// Every valid spelling of a selection returns the same data, errors and key order, for every demo
// client: the gateway plans a normalized document (gateway/authorization/planning-document.ts).
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_spelling');
});
afterAll(() => stack.stop());

/** Selections on LegalPerson in two halves: one subgraph only, and four subgraphs with fields some callers may not see. */
const SELECTIONS = [
  ['uscc', 'n: name', ['uscc', 'n']],
  ['uscc n: name legalRepresentative { name }', 'entries: listEntries { id listType subject { __typename } } dishonestRecordCount objections { id }',
    ['uscc', 'n', 'legalRepresentative', 'entries', 'dishonestRecordCount', 'objections']],
] as const;

/** One selection spelled where only a CreditSubject is known (a list entry's subject) and on a LegalPerson. */
function spellings(a: string, b: string) {
  const all = `${a} ${b}`;
  const fragments = [`fragment F on LegalPerson { ${all} }`, `fragment A on CreditSubject { ... on LegalPerson { ${a} } }`];
  const onUnion = [
    `... on LegalPerson { ${all} }`,
    '...F',
    `... on CreditSubject { ... on LegalPerson { ${all} } }`,
    `...A ... on LegalPerson { ${b} ${a} }`,
    `... on CreditSubject { ...F }`,
  ];
  // Plain, repeated, and split over fragments without a type condition, then all of the above.
  const onObject = [all, `${all} ${all}`, `${a} ... { ${b} ... on CreditSubject { ...A } }`, ...onUnion];
  /** The fragment definitions a spelling uses (an unused fragment is a validation error). */
  const used = (spelling: string) => fragments.filter((f) => spelling.includes(`...${f.split(' ')[1]}`)).join(' ');
  return { onObject: onObject.map((s) => [s, used(s)]), onUnion: onUnion.map((s) => [s, used(s)]) };
}

const shape = (res: { data?: unknown; errors?: { path?: unknown[]; extensions?: Record<string, unknown> }[] }) =>
  JSON.stringify({ data: res.data, errors: (res.errors ?? []).map((e) => `${String(e.extensions?.code)} ${JSON.stringify(e.path)}`).sort() });

const cases = demoClients().flatMap((c) => SELECTIONS.map(([a, b, keys], i) => [c.id ?? 'public', i, c, a, b, keys] as const));
test.each(cases)('every spelling answers %s the same (selection %i)', async (_name, _i, client, a, b, keys) => {
  const who = { clientId: client.id ?? undefined, purpose: client.purposes[0], variables: { u: DEMO_SUBJECT.uscc } };
  const { onObject, onUnion } = spellings(a, b);
  const direct = await Promise.all(onObject.map(([s, fragments]) => stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { ${s} } } ${fragments}`, who)));
  for (const answer of direct) expect(shape(answer)).toBe(shape(direct[0]));
  // The association is refused the (non-member) demo subject; nobody gets any other kind of error.
  expect(direct[0].errors?.filter((e) => !['UNAUTHORIZED_FIELD_OR_TYPE', 'FORBIDDEN'].includes(e.extensions?.code as string)) ?? []).toEqual([]);
  const seen = direct[0].data.legalPerson; // null for a caller without records:read (a non-null field was removed)
  if (seen) expect(Object.keys(seen)).toEqual(keys);
  const through = await Promise.all(onUnion.map(([s, fragments]) => stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { listEntries { subject { ${s} } } } } ${fragments}`, who)));
  for (const answer of through) expect(shape(answer)).toBe(shape(through[0]));
  if (seen) expect(JSON.stringify(through[0].data)).toContain(DEMO_SUBJECT.uscc);
});

test('the nested spelling of the issue returns the data, not {}', async () => {
  const res = await stack.query(`{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { ... on CreditSubject { ... on LegalPerson { uscc name } } } }`);
  expect(res.data).toEqual({ legalPerson: { uscc: DEMO_SUBJECT.uscc, name: DEMO_SUBJECT.name } });
});

test('errors from a subgraph are reported at the client\'s aliases', async () => {
  const [member, other] = [legalPersonAt(3).uscc, legalPersonAt(77).uscc];
  const res = await stack.query(`query($u: [USCC!]!) { checked: legalPersons(usccs: $u) { code: uscc records: creditRecords { totalCount } } }`, {
    variables: { u: [member, other] }, clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION',
  });
  expect(res.data.checked[0].code).toBe(member);
  expect(res.data.checked[1]).toBeNull();
  expect(res.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['FORBIDDEN', ['checked', 1]]]);
});

test('a client alias starting with "__" is refused with 400 BAD_USER_INPUT naming the alias and the rule', async () => {
  const res = await stack.query(`{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { __authz_typename: name } }`);
  expect(res.status).toBe(400);
  expect(res.data).toBeUndefined();
  expect(res.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: '__authz_typename', rule: 'RESERVED_ALIAS' }]);
});

test('an unauthorized type spelled through nested fragments nulls the same object as spelled once (found by the hostile run)', async () => {
  const entry = (spelling: string, fragments = '') =>
    `{ listEntries(filter: { domain: "court-enforcement" }, first: 3) { edges { node { id subject { __typename ... on LegalPerson { uscc } ${spelling} } } } } } ${fragments}`;
  const plainQuery = entry('... on NaturalPerson { repairApplications { id } }');
  const nested = [
    entry('... on NaturalPerson { ... on NaturalPerson { repairApplications { id } } }'),
    entry('... on NaturalPerson { ...R }', 'fragment R on NaturalPerson { repairApplications { id } }'),
    entry('... on CreditSubject { ... on NaturalPerson { ... { repairApplications { id } } } }'),
  ];
  for (const who of [{}, { clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' }]) {
    const plain = await stack.query(plainQuery, who);
    expect(plain.data.listEntries.edges.length).toBeGreaterThan(0);
    expect(plain.data.listEntries.edges.every((e: { node: { subject: unknown } }) => e.node.subject === null)).toBe(true);
    for (const query of nested) expect(shape(await stack.query(query, who))).toBe(shape(plain));
  }
});
