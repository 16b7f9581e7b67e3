import { DEMO_ORGS, DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { rowsOfRequest } from '../support/access-log-db';
import { startStack, type Stack } from '../support/stack';

// 000 保障(一); 001 Art. 17, 29: every answer that discloses non-public data about a subject is
// recorded — what was returned, not what was asked — and the subject reads who queried it and why.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_access_log');
}, 180_000);
afterAll(() => stack.stop());

const LOG = `query Log($uscc: USCC!, $after: String) { legalPerson(uscc: $uscc) { accessLog(first: 50, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { at requestId clientId clientKind org operator purpose fieldGroups operationName } } } } }`;
const RECORDS = `query Supervise($uscc: USCC!) { legalPerson(uscc: $uscc) { name dishonestRecordCount creditRecords(first: 2) { totalCount } } }`;
let seq = 0;
const rid = (label: string) => `${label}-${process.pid}-${++seq}`;

async function query(q: string, clientId: string | null, purpose: string | null, requestId: string, variables: Record<string, unknown> = { uscc: DEMO_SUBJECT.uscc }, operator?: string) {
  const token = clientId ? await stack.token(clientId, { operator }) : undefined;
  return stack.query(q, { variables, token, purpose: purpose ?? undefined, headers: { 'x-request-id': requestId } });
}

test('three department queries appear in the subject\'s log with their request ids, purpose, org and operator, newest first', async () => {
  const ids = [rid('dept'), rid('dept'), rid('dept')];
  for (const id of ids) {
    const res = await query(RECORDS, 'demo-department', 'DAILY_SUPERVISION', id, undefined, 'zhang.wei');
    expect(res.errors).toBeUndefined();
  }
  const log = await query(LOG, 'demo-subject', 'SELF_QUERY', rid('self'));
  expect(log.errors).toBeUndefined();
  const nodes = log.data.legalPerson.accessLog.edges.map((e: any) => e.node);
  const ours = nodes.filter((n: any) => ids.includes(n.requestId));
  expect(ours.map((n: any) => n.requestId)).toEqual([...ids].reverse());
  for (const n of ours) {
    expect(n).toMatchObject({ clientId: 'demo-department', clientKind: 'DEPARTMENT', org: DEMO_ORGS.department.org, operator: 'zhang.wei', purpose: 'DAILY_SUPERVISION', operationName: 'Supervise' });
    expect(n.fieldGroups).toEqual(['records:read']);
    expect(Date.parse(n.at)).toBeGreaterThan(Date.now() - 60_000);
  }
  expect(log.data.legalPerson.accessLog.totalCount).toBeGreaterThanOrEqual(3);
});

test('a public query, a fully filtered query and a FORBIDDEN row log nothing', async () => {
  const pub = rid('public');
  expect((await query(`query P($uscc: USCC!) { legalPerson(uscc: $uscc) { name listEntries { listType } } }`, null, null, pub)).data.legalPerson.name).toBe(DEMO_SUBJECT.name);
  // An association may not see a legal representative at all: the whole selection is removed.
  const filtered = rid('filtered');
  const f = await query(`query F($uscc: USCC!) { legalPerson(uscc: $uscc) { legalRepresentative { name } } }`, 'demo-association', 'INDUSTRY_SELF_REGULATION', filtered);
  expect(f.errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  // The demo subject is not a member of the association: the row is FORBIDDEN, its value null.
  const forbidden = rid('forbidden');
  const r = await query(RECORDS, 'demo-association', 'INDUSTRY_SELF_REGULATION', forbidden);
  expect(r.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
  for (const id of [pub, filtered, forbidden]) expect(await rowsOfRequest(id)).toEqual([]);
});

test('field groups are what was returned: a masked id number is not person:id-number, a full one is', async () => {
  const q = `query Rep($uscc: USCC!) { legalPerson(uscc: $uscc) { legalRepresentative { id name idNumber } } }`;
  const dept = rid('dept-rep');
  const court = rid('court-rep');
  const d = await query(q, 'demo-department', 'DAILY_SUPERVISION', dept);
  const c = await query(q, 'demo-court', 'JUDICIAL', court);
  const personId = d.data.legalPerson.legalRepresentative.id;
  expect(d.data.legalPerson.legalRepresentative.idNumber).toContain('*');
  expect(c.data.legalPerson.legalRepresentative.idNumber).not.toContain('*');
  const groups = async (id: string) => Object.fromEntries((await rowsOfRequest(id)).map((r) => [r.subject_id, r.field_groups]));
  expect(await groups(dept)).toEqual({ [DEMO_SUBJECT.uscc]: 'subject:read', [personId]: 'subject:read' });
  expect(await groups(court)).toEqual({ [DEMO_SUBJECT.uscc]: 'subject:read', [personId]: 'person:id-number,subject:read' });
  // The private probes never reach the client.
  expect(JSON.stringify(c.data)).not.toContain('__log');
});

test('list entries found through listEntries are logged against their own subjects', async () => {
  const id = rid('entries');
  const res = await query(`{ listEntries(filter: { listType: BLACK }, first: 5) { edges { node { listType noticeServedOn subject { ... on LegalPerson { name } } } } } }`, 'demo-department', 'DAILY_SUPERVISION', id, {});
  expect(res.errors).toBeUndefined();
  const rows = await rowsOfRequest(id);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThanOrEqual(5);
  for (const r of rows) expect(r.field_groups.split(',')).toContain('lists:read');
});

test('only the subject itself and the platform read a log: another subject is FORBIDDEN, a department has no such field', async () => {
  const other = legalPersonAt(7).uscc;
  const own = await query(LOG, 'demo-subject', 'SELF_QUERY', rid('own'));
  expect(own.errors).toBeUndefined();
  const theirs = await query(LOG, 'demo-subject', 'SELF_QUERY', rid('theirs'), { uscc: other });
  expect(theirs.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
  expect(theirs.data?.legalPerson ?? null).toBeNull();
  const dept = await query(LOG, 'demo-department', 'DAILY_SUPERVISION', rid('dept-log'));
  expect(dept.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
  const admin = await query(LOG, 'demo-admin', 'DAILY_SUPERVISION', rid('admin'));
  expect(admin.errors).toBeUndefined();
  expect(admin.data.legalPerson.accessLog.totalCount).toBeGreaterThan(0);
});

test('pages follow each other without gaps or repeats; a foreign cursor is BAD_USER_INPUT naming after', async () => {
  const first = await stack.query(LOG.replace('first: 50', 'first: 2'), { variables: { uscc: DEMO_SUBJECT.uscc }, clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' });
  const page1 = first.data.legalPerson.accessLog;
  expect(page1.pageInfo.hasNextPage).toBe(true);
  const second = await stack.query(LOG.replace('first: 50', 'first: 2'), { variables: { uscc: DEMO_SUBJECT.uscc, after: page1.pageInfo.endCursor }, clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' });
  const all = await stack.query(LOG, { variables: { uscc: DEMO_SUBJECT.uscc }, clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' });
  const cursors = (c: any) => c.edges.map((e: any) => e.cursor);
  // Each read is itself logged, at the top: the two pages are four consecutive entries of the whole log.
  const whole = cursors(all.data.legalPerson.accessLog);
  const start = whole.indexOf(page1.edges[0].cursor);
  expect(start).toBeGreaterThanOrEqual(0);
  expect([...cursors(page1), ...cursors(second.data.legalPerson.accessLog)]).toEqual(whole.slice(start, start + 4));
  const bad = await stack.query(LOG, { variables: { uscc: DEMO_SUBJECT.uscc, after: 'bm9wZQ' }, clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' });
  expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', rule: 'CURSOR' });
});

test('aliases, named fragments and abstract types are read by (type, field), not by response keys', async () => {
  const plain = rid('plain');
  const dressed = rid('dressed');
  await query(`query A($uscc: USCC!) { legalPerson(uscc: $uscc) { dishonestRecordCount listEntries { noticeServedOn } } }`, 'demo-department', 'DAILY_SUPERVISION', plain);
  const res = await query(`query B($uscc: USCC!) { company: legalPerson(uscc: $uscc) { ...Facts entries: listEntries { subject { ... on LegalPerson { uscc: name } } when: noticeServedOn } } }
    fragment Facts on LegalPerson { dishonestRecordCount: name count: dishonestRecordCount }`, 'demo-department', 'DAILY_SUPERVISION', dressed);
  expect(res.errors).toBeUndefined();
  expect(res.data.company.entries[0].subject.uscc).toBe(DEMO_SUBJECT.name);
  const groups = async (id: string) => (await rowsOfRequest(id)).map((r) => [r.subject_id, r.field_groups]);
  expect(await groups(dressed)).toEqual(await groups(plain));
  expect((await groups(plain))[0]).toEqual([DEMO_SUBJECT.uscc, 'lists:read,records:read']);
});

test('a client alias in the access log\'s private namespace is refused (the whole `__` namespace is reserved)', async () => {
  const res = await query(`query C($uscc: USCC!) { legalPerson(uscc: $uscc) { __log_key: name } }`, 'demo-department', 'DAILY_SUPERVISION', rid('reserved'));
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: '__log_key', rule: 'RESERVED_ALIAS' });
});

test('a measure that applies to a representative through the company\'s entry (001 Art. 28) is logged against the person; the published entry it rests on discloses nothing of the company', async () => {
  const rep = await query(`query Rep($uscc: USCC!) { legalPerson(uscc: $uscc) { legalRepresentative { id idNumber } } }`, 'demo-court', 'JUDICIAL', rid('court-rep'));
  const { id: personId, idNumber } = rep.data.legalPerson.legalRepresentative;
  const id = rid('linked-measures');
  // The entry's publication and subject come with the measure (measures @provides them from what it read of lists).
  const res = await query(`query M($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { applicableMeasures(purpose: ADMINISTRATIVE_APPROVAL) { measure { id } listEntry { id } } } }`, 'demo-department', 'ADMINISTRATIVE_APPROVAL', id, { n: idNumber });
  expect(res.errors).toBeUndefined();
  expect(res.data.naturalPerson.applicableMeasures.length).toBeGreaterThan(0);
  const groups = Object.fromEntries((await rowsOfRequest(id)).map((r) => [`${r.subject_type}:${r.subject_id}`, r.field_groups]));
  // Only an unpublished entry (lists:read) would be the company's to account for.
  expect(groups).toEqual({ [`NATURAL_PERSON:${personId}`]: 'measures:read,subject:read' });
  expect(JSON.stringify(res.data)).not.toContain('__log');
});
