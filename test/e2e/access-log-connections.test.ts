import { getNamedType, isInputObjectType, isNonNullType, isObjectType, type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLObjectType } from 'graphql';
import { NARROWING_RULES, ROW_RULES } from '../../gateway/access-log/row-rules';
import { legalPersonAt, listEntriesForLegalPerson, listEntriesForNaturalPerson, naturalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { apiSchema, requirementsOf } from '../hostile/api-schema';
import { startStack, type Stack } from '../support/stack';

// A count, page info or cursor discloses as much as the items: narrowed to one subject, listEntries' totalCount 1
// where the public gets 0 says the company has an unpublished entry, and a cursor was base64 of the entry's
// decision date and id — with no ListEntry in the answer, so nothing was logged. Generated from the API schema:
// every connection field (every type with pageInfo), on the root or under a subject, is read as a department and
// as the public, narrowed to a company and to a person who each have a non-public list entry, selecting only
// totalCount, pageInfo and edges { cursor }. Then:
//   - no cursor shows what it points at (a date, or its node's id): they are sealed (kit/server/cursor.ts);
//   - where the department's answer differs from the public's, the subject's access log has it, with the field
//     group of the items (a row rule of row-rules.ts, or the field's guard);
//   - a root connection whose arguments can name a subject has a narrowing rule (row-rules.ts); one whose
//     arguments cannot singles no subject out (and its cursors are sealed);
//   - the public's answers are never logged.
let stack: Stack;
const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
const SUBJECT_TYPES = ['LegalPerson', 'NaturalPerson'];

const uscc = legalPersonAt(Array.from({ length: 200 }, (_, k) => 100 + k).find((k) => listEntriesForLegalPerson(k, legalPersonAt(k)).length === 0)!).uscc;
const person = naturalPersonAt(Array.from({ length: 200 }, (_, k) => 100 + k).find((k) => listEntriesForNaturalPerson(k, naturalPersonAt(k)).length === 0)!);
let personId: string;

const isConnection = (t: unknown): t is GraphQLObjectType => isObjectType(t) && 'pageInfo' in t.getFields() && 'edges' in t.getFields();
const connectionTypes = Object.values(apiSchema.getTypeMap()).filter(isConnection).map((t) => t.name).sort();

interface Site { parent: string; field: GraphQLField<unknown, unknown> }
/** Every field returning a connection, on any type. */
const sites: Site[] = Object.values(apiSchema.getTypeMap()).filter(isObjectType).filter((t) => !t.name.startsWith('__'))
  .flatMap((t) => Object.values(t.getFields()).filter((f) => isConnection(getNamedType(f.type))).map((field) => ({ parent: t.name, field })));

/** Arguments that name a subject: a subjectId (with its subjectType) anywhere in an argument's input. */
function subjectArgument(type: GraphQLInputType, subject: { type: string; id: string }): string | null {
  const named = getNamedType(type);
  if (!isInputObjectType(named)) return null;
  const fields = named.getFields();
  if (fields.subjectId) return `{ subjectId: "${subject.id}"${fields.subjectType ? `, subjectType: ${subject.type}` : ''} }`;
  for (const [name, f] of Object.entries(fields)) {
    const inner = subjectArgument(f.type, subject);
    if (inner) return `{ ${name}: ${inner} }`;
  }
  return null;
}

function argumentsOf(field: GraphQLField<unknown, unknown>, subject: { type: string; id: string } | null): { text: string; narrowed: boolean } {
  const given: string[] = [];
  for (const arg of field.args as GraphQLArgument[]) {
    const named = subject && subjectArgument(arg.type, subject);
    if (named) given.push(`${arg.name}: ${named}`);
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) throw new Error(`${field.name}(${arg.name}:) is required: teach this test how to call it`);
  }
  return { text: given.length ? `(${given.join(', ')})` : '', narrowed: given.length > 0 };
}

const nodeOf = (field: GraphQLField<unknown, unknown>) => {
  const edge = getNamedType((getNamedType(field.type) as GraphQLObjectType).getFields().edges.type) as GraphQLObjectType;
  return getNamedType(edge.getFields().node.type) as GraphQLObjectType;
};

const selection = (field: GraphQLField<unknown, unknown>, withNodeIds = false) => {
  const type = getNamedType(field.type) as GraphQLObjectType;
  const node = nodeOf(field);
  const nodeIds = withNodeIds && 'id' in node.getFields() ? ' node { id }' : '';
  return `{ ${'totalCount' in type.getFields() ? 'totalCount ' : ''}pageInfo { hasNextPage endCursor } edges { cursor${nodeIds} } }`;
};

interface Read { site: string; subject: { type: string; id: string } | null; query: (op: string, withNodeIds?: boolean) => string; node: string; groups: string[] }

/** Each connection field as one read per subject it can be narrowed to (root fields naming none: one read). */
function reads(): Read[] {
  const subjects = [{ type: 'LEGAL_PERSON', id: uscc, lookup: `legalPerson(uscc: "${uscc}")`, parent: 'LegalPerson' }, { type: 'NATURAL_PERSON', id: personId, lookup: `naturalPerson(idNumber: "${person.idNumber}")`, parent: 'NaturalPerson' }];
  return sites.flatMap(({ parent, field }): Read[] => {
    const node = nodeOf(field).name;
    const groups = [...ROW_RULES.filter((r) => r.type === node).map((r) => r.group), ...requirementsOf(parent, field).flatMap((r) => [...(r.scopes ?? []).flat(), ...(r.policies ?? []).flat()])];
    const site = `${parent}.${field.name}`;
    if (SUBJECT_TYPES.includes(parent)) {
      const s = subjects.find((x) => x.parent === parent)!;
      const args = argumentsOf(field, null).text;
      return [{ site, subject: s, node, groups, query: (op: string, ids = false) => `query ${op} { ${s.lookup} { ${field.name}${args} ${selection(field, ids)} } }` }];
    }
    if (parent !== 'Query') throw new Error(`${site}: a connection on ${parent}, neither a root nor a subject: teach this test (and the access log) about it`);
    if (!argumentsOf(field, subjects[0]).narrowed) {
      return [{ site, subject: null, node, groups, query: (op: string, ids = false) => `query ${op} { ${field.name} ${selection(field, ids)} }` }];
    }
    return subjects.map((s) => ({ site, subject: s, node, groups, query: (op: string, ids = false) => `query ${op} { ${field.name}${argumentsOf(field, s).text} ${selection(field, ids)} }` }));
  });
}

const cursorsOf = (value: unknown): string[] => {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => ((k === 'cursor' || k === 'endCursor') && typeof v === 'string' ? [v] : cursorsOf(v)));
};
const idsOf = (value: unknown): string[] => {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => (k === 'id' && typeof v === 'string' ? [v] : idsOf(v)));
};

const logOf = async (subject: { type: string; id: string }) => {
  const q = subject.type === 'LEGAL_PERSON' ? `legalPerson(uscc: "${subject.id}")` : `naturalPerson(idNumber: "${person.idNumber}")`;
  const res = await stack.query(`{ ${q} { accessLog(first: 100) { edges { node { clientId operationName fieldGroups } } } } }`, admin);
  const root = res.data[subject.type === 'LEGAL_PERSON' ? 'legalPerson' : 'naturalPerson'];
  return root.accessLog.edges.map((e: { node: { clientId: string; operationName: string | null; fieldGroups: string[] } }) => e.node);
};

beforeAll(async () => {
  stack = await startStack('e2e_al_connections');
  personId = (await stack.query(`{ naturalPerson(idNumber: "${person.idNumber}") { id } }`, department)).data.naturalPerson.id;
  const list = (input: Record<string, unknown>) => stack.query(`mutation($input: ListSubjectInput!) { listSubject(input: $input) { id published status } }`, {
    variables: { input: { domain: 'market-supervision', basis: '重点关注名单管理办法', decidedOn: '2026-06-01', ...input } },
    ...department,
  });
  // Unpublished by the department's choice, and a BLACK listing before the party has been told (PENDING_NOTICE).
  expect((await list({ subjectType: 'LEGAL_PERSON', subjectId: uscc, listType: 'KEY_ATTENTION', published: false })).data.listSubject.published).toBe(false);
  expect((await list({ subjectType: 'LEGAL_PERSON', subjectId: uscc, listType: 'BLACK', basis: '严重失信主体名单管理办法' })).data.listSubject.status).toBe('PENDING_NOTICE');
  expect((await list({ subjectType: 'NATURAL_PERSON', subjectId: personId, listType: 'KEY_ATTENTION', published: false })).data.listSubject.published).toBe(false);
});
afterAll(() => stack.stop());

test('the walk reaches every connection type of the API schema; a root connection that can name a subject has a narrowing rule', () => {
  expect([...new Set(sites.map((s) => getNamedType(s.field.type).name))].sort()).toEqual(connectionTypes);
  const naming = sites.filter((s) => s.parent === 'Query' && argumentsOf(s.field, { type: 'LEGAL_PERSON', id: 'x' }).narrowed).map((s) => s.field.name);
  expect(naming).toEqual(NARROWING_RULES.filter((r) => r.type === 'Query').map((r) => r.field));
  expect(connectionTypes).toEqual(expect.arrayContaining(['AccessLogConnection', 'CreditRecordConnection', 'ListChangeConnection', 'ListEntryConnection', 'ObjectionConnection', 'RepairApplicationConnection']));
});

test('no cursor shows what it points at, to a department or to the public', async () => {
  const all = reads();
  for (const [i, r] of all.entries()) {
    for (const caller of [department, {}]) {
      const res = await stack.query(r.query(`Opaque${i}`, true), caller);
      const ids = idsOf(res.data);
      for (const cursor of cursorsOf(res.data)) {
        const seen = Buffer.from(cursor, 'base64url').toString('latin1');
        expect({ site: r.site, seen }).not.toMatchObject({ seen: expect.stringMatching(/\d{4}-\d\d-\d\d/) });
        for (const id of ids) expect({ site: r.site, seen }).not.toMatchObject({ seen: expect.stringContaining(id) });
      }
    }
  }
});

test("a department's count, page info or cursors of a connection narrowed to a subject are in that subject's access log; the public's never", async () => {
  const all = reads();
  const differing: string[] = [];
  for (const [i, r] of all.entries()) {
    const official = await stack.query(r.query(`Official${i}`), department);
    const pub = await stack.query(r.query(`Public${i}`));
    const answer = (res: { data?: unknown; errors?: unknown[] }) => JSON.stringify([res.data ?? null, (res.errors ?? []).length > 0]);
    if (answer(official) === answer(pub)) continue;
    // A root connection naming no subject singles none out (its arguments cannot name one: first test).
    if (!r.subject || official.errors?.length) continue;
    differing.push(`${r.site}:${r.subject.type}`);
    const logged = (await logOf(r.subject)).filter((n: { operationName: string | null }) => n.operationName === `Official${i}`);
    expect({ site: r.site, subject: r.subject.type, entries: logged.length }).toEqual({ site: r.site, subject: r.subject.type, entries: 1 });
    const groups: string[] = logged[0].fieldGroups;
    expect({ site: r.site, groups, itemGroup: groups.some((g) => r.groups.includes(g)) }).toMatchObject({ itemGroup: true });
  }
  // Not vacuous: narrowed to the company and to the person, listEntries differs (their non-public entries).
  expect(differing).toEqual(expect.arrayContaining(['Query.listEntries:LEGAL_PERSON', 'Query.listEntries:NATURAL_PERSON']));
  for (const subject of [{ type: 'LEGAL_PERSON', id: uscc }, { type: 'NATURAL_PERSON', id: personId }]) {
    expect((await logOf(subject)).filter((n: { operationName: string | null }) => n.operationName?.startsWith('Public'))).toEqual([]);
  }
});

test('the public counts 0 of the company where the department counts 2; an unlogged caller without the scope or purpose counts as the public', async () => {
  const q = `{ listEntries(filter: { subjectId: "${uscc.toLowerCase()}" }) { totalCount } }`;
  expect((await stack.query(q)).data.listEntries.totalCount).toBe(0);
  expect((await stack.query(q, department)).data.listEntries.totalCount).toBe(2);
  expect((await stack.query(q, { clientId: 'demo-department' })).data.listEntries.totalCount).toBe(0);
  // A variable with a default names the subject as well as a literal does (normalised as the lists subgraph does).
  const byVariable = await stack.query(`query ByVariable($f: ListEntryFilter = { subjectId: "${uscc.toLowerCase()}", status: PENDING_NOTICE }) { listEntries(filter: $f) { totalCount } }`, department);
  expect(byVariable.data.listEntries.totalCount).toBe(1);
  expect((await logOf({ type: 'LEGAL_PERSON', id: uscc })).filter((n: { operationName: string | null }) => n.operationName === 'ByVariable'))
    .toEqual([{ clientId: 'demo-department', operationName: 'ByVariable', fieldGroups: ['lists:read'] }]);
});

test('a subject id spelt otherwise (case, a trailing space) names no subject: the department counts nothing the log would put on another id', async () => {
  // list_entry.subject_id compares exactly (migration 1797700000000): folded, "NP_…" found the person's entries
  // while the access log recorded the read against LEGAL_PERSON "NP_…".
  const flip = (id: string) => id.slice(0, 3) + [...id.slice(3)].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
  for (const spelt of [personId.toUpperCase(), flip(personId), `${personId} `, `${uscc} `]) {
    const res = await stack.query(`query($f: ListEntryFilter) { listEntries(filter: $f) { totalCount } }`, { variables: { f: { subjectId: spelt } }, ...department });
    expect({ spelt, count: res.data?.listEntries?.totalCount }).toEqual({ spelt, count: 0 });
  }
  const exact = await stack.query(`query($f: ListEntryFilter) { listEntries(filter: $f) { totalCount } }`, { variables: { f: { subjectId: personId } }, ...department });
  expect(exact.data.listEntries.totalCount).toBeGreaterThan(0);
});
