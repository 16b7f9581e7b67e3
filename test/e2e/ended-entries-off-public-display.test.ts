import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { today } from '../../subgraphs/kit/calendar/clock';
import { addDays } from '../../subgraphs/kit/calendar/dates';
import { MEMBERS } from '../hostile/values';
import { eventually } from '../support/objections-stack';
import { readPaths, render, type Values } from '../support/list-entry-paths';
import { startStack, type Stack } from '../support/stack';

// An entry that left the list is no longer on public display (DOMAIN.md "Repair": approved → removed from the
// list, public display stopped; "Lists": entries leave the list when the period ends, 002 四(四) "到期后移出"):
// the demo subject's BLACK entry repaired (REMOVED), a member's BLACK entry revoked on an upheld objection
// (REVOKED), the demo person's entry whose period ended today (EXPIRED from that day). On every ListEntry read path of the API
// schema (support/list-entry-paths) the public reads none of them, nor its basis or end reason; a subject reads
// its own, an association its member's, under lists:read; officials read all. Counts agree. The public feed
// keeps one ENDED change of each, without the entry or a reason, so a mirror takes it down.
let stack: Stack;
const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
const self = { clientId: 'demo-subject', purpose: 'SELF_QUERY' };
const callers: [string, { clientId?: string; purpose?: string }][] = [
  ['public', {}], ['subject', self], ['person', { clientId: 'demo-person', purpose: 'SELF_QUERY' }],
  ['association', { clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' }], ['department', department],
];
const REPAIR_REASON = '已整改，信用承诺已公示';
const REVOKE_NOTE = '列入依据已被撤销';
const member = MEMBERS[0];
const ended: Record<'repaired' | 'revoked' | 'expired', string> = { repaired: '', revoked: '', expired: '' };
let shown: string;
let person: string;
let feedStart: string | null;

const FEED = 'query($a: String) { listChanges(after: $a, first: 200) { edges { node { entryId change reason entry { id } subject { __typename } } } pageInfo { hasNextPage endCursor } } }';
type Change = { entryId: string; change: string; reason: string | null; entry: { id: string } | null; subject: object | null };

async function feed(after: string | null, who: object): Promise<{ changes: Change[]; end: string | null }> {
  const changes: Change[] = [];
  for (let cursor = after; ;) {
    const res: any = await stack.query(FEED, { variables: { a: cursor }, ...who });
    expect(res.errors).toBeUndefined();
    changes.push(...res.data.listChanges.edges.map((e: { node: Change }) => e.node));
    cursor = res.data.listChanges.pageInfo.endCursor;
    if (!res.data.listChanges.pageInfo.hasNextPage) return { changes, end: cursor };
  }
}

async function list(input: Record<string, unknown>): Promise<string> {
  const res = await stack.query('mutation($i: ListSubjectInput!) { listSubject(input: $i) { id } }', { variables: { i: { basis: '《严重违法失信企业名单管理暂行办法》', ...input } }, ...department });
  expect(res.errors).toBeUndefined();
  return res.data.listSubject.id;
}

const statusOf = (id: string) => stack.query('query($id: ID!) { listEntry(id: $id) { status } }', { variables: { id }, ...department }).then((r: any) => r.data?.listEntry?.status);

beforeAll(async () => {
  stack = await startStack('e2e_ended_entries');
  person = (await stack.query('query($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { id } }', { variables: { n: DEMO_SUBJECT.legalRepresentativeIdNumber }, ...department })).data.naturalPerson.id;
  feedStart = (await feed(null, department)).end;
  const entries = (await stack.query(`{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { listEntries { id listType } } }`, department)).data.legalPerson.listEntries;
  ended.repaired = entries.find((e: { listType: string }) => e.listType === 'BLACK').id;
  ended.revoked = await list({ subjectType: 'LEGAL_PERSON', subjectId: member, listType: 'BLACK', domain: 'market-supervision', decidedOn: today(), noticeServedOn: today() });
  ended.expired = await list({ subjectType: 'NATURAL_PERSON', subjectId: person, listType: 'KEY_ATTENTION', domain: 'food-drug', decidedOn: addDays(today(), -1), periodEndsOn: today() });
  // On display, for contrast: the public reads it on the paths a published entry is on.
  shown = await list({ subjectType: 'LEGAL_PERSON', subjectId: DEMO_SUBJECT.uscc, listType: 'KEY_ATTENTION', domain: 'work-safety', decidedOn: today() });

  // A BLACK entry may be repaired once a year from its decision has passed (credit-periods.yaml).
  process.env.CREDIT_TODAY = '2027-06-01';
  try {
    const applied = await stack.query('mutation($id: ID!) { applyForRepair(input: { listEntryId: $id, evidence: [PUBLIC_CREDIT_COMMITMENT] }) { id } }', { variables: { id: ended.repaired }, ...self });
    expect(applied.errors).toBeUndefined();
    const decided = await stack.query(`mutation($id: ID!) { decideRepair(id: $id, approve: true, reason: "${REPAIR_REASON}") { status } }`, { variables: { id: applied.data.applyForRepair.id }, ...department });
    expect(decided.data.decideRepair.status).toBe('APPROVED');
  } finally {
    delete process.env.CREDIT_TODAY;
  }
  // An implementing official objects to the member's entry; the platform upholds it within its remit: REVOKED.
  const filed = await stack.query('mutation($id: ID!) { fileObjection(input: { targetType: LIST_ENTRY, targetId: $id, reason: "列入依据有误" }) { id } }', { variables: { id: ended.revoked }, ...department });
  expect(filed.errors).toBeUndefined();
  const upheld = await stack.query(`mutation($id: ID!) { decideObjection(id: $id, outcome: REVOKED, note: "${REVOKE_NOTE}") { outcome } }`, { variables: { id: filed.data.fileObjection.id }, ...admin });
  expect(upheld.errors).toBeUndefined();
  // The outbox delivers both decisions to lists.
  expect(await eventually(() => Promise.all([statusOf(ended.repaired), statusOf(ended.revoked), statusOf(ended.expired)]), (s) => s.join() === 'REMOVED,REVOKED,EXPIRED'))
    .toEqual(['REMOVED', 'REVOKED', 'EXPIRED']);
}, 180_000);
afterAll(() => stack.stop());

test('an entry that left the list is read on no path by the public; by its subject, an association for its member and officials', async () => {
  const paths = readPaths(true);
  const label = Object.fromEntries([...Object.entries(ended), ['shown', shown]].map(([k, id]) => [id, k]));
  const seen: Record<string, Set<string>> = {};
  const texts: string[] = [];
  for (const [name, who] of callers) {
    seen[name] = new Set();
    for (const [field, path] of paths) {
      // Each path once per entry: its subject (or the subject's company) and its id where the path takes them.
      for (const id of Object.keys(label)) {
        const v: Values = { uscc: id === ended.revoked ? member : DEMO_SUBJECT.uscc, usccs: [DEMO_SUBJECT.uscc, member], idNumber: DEMO_SUBJECT.legalRepresentativeIdNumber, purpose: who.purpose ?? null, entryId: id, feedStart };
        const { query, variables } = render(path, v, '{ id basis endReason }');
        const res = await stack.query(query, { variables, ...who });
        const text = JSON.stringify(res.data ?? null);
        if (name === 'public') texts.push(text);
        for (const [found, what] of Object.entries(label)) if (text.includes(found)) seen[name].add(`${field}:${what}`);
      }
    }
  }
  const endedOnly = (name: string) => [...seen[name]].filter((s) => !s.endsWith(':shown')).sort();
  expect(endedOnly('public')).toEqual([]);
  expect(texts.join()).not.toMatch(new RegExp(`${REPAIR_REASON}|${REVOKE_NOTE}|credit repair|objection`));
  // Whoever may read unpublished entries of the subject (lists:read and a purpose, the row rule) still reads them.
  expect(endedOnly('subject')).toEqual(['LegalPerson.listEntries:repaired', 'Query.listEntry:repaired', 'RepairApplication.listEntry:repaired']);
  expect(endedOnly('person')).toEqual(['NaturalPerson.listEntries:expired', 'Query.listEntry:expired']);
  expect(endedOnly('association')).toEqual(['LegalPerson.listEntries:revoked', 'Query.listEntry:revoked']);
  expect(endedOnly('department')).toEqual([
    'LegalPerson.listEntries:repaired', 'LegalPerson.listEntries:revoked', 'ListChange.entry:expired', 'ListChange.entry:repaired', 'ListChange.entry:revoked',
    'ListEntryEdge.node:expired', 'ListEntryEdge.node:repaired', 'ListEntryEdge.node:revoked', 'NaturalPerson.listEntries:expired',
    'Query.listEntry:expired', 'Query.listEntry:repaired', 'Query.listEntry:revoked', 'RepairApplication.listEntry:repaired',
  ]);
  // The walk does reach a published entry (on every path for the public; a subject or an association reads no other company's entries under it).
  for (const name of ['public', 'department']) {
    expect([...seen[name]]).toEqual(expect.arrayContaining(['Query.listEntry:shown', 'ListEntryEdge.node:shown', 'LegalPerson.listEntries:shown', 'ListChange.entry:shown']));
  }
}, 600_000);

test('counts agree: the public counts no ended entry, by status or in all, and published says false to whoever still reads one', async () => {
  const COUNT = 'query($f: ListEntryFilter) { listEntries(filter: $f, first: 100) { totalCount edges { node { id } } } }';
  for (const [subjectId, id] of [[DEMO_SUBJECT.uscc, ended.repaired], [member, ended.revoked], [person, ended.expired]]) {
    const all = (await stack.query(COUNT, { variables: { f: { subjectId } } })).data.listEntries;
    expect(all.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(id);
    expect(all.totalCount).toBe(all.edges.length);
  }
  for (const status of ['EXPIRED', 'REMOVED', 'REVOKED']) {
    expect((await stack.query(COUNT, { variables: { f: { status } } })).data.listEntries.totalCount).toBe(0);
    expect((await stack.query(COUNT, { variables: { f: { status } }, ...department })).data.listEntries.totalCount).toBeGreaterThan(0);
  }
  const read = await stack.query('query($id: ID!) { listEntry(id: $id) { status published } }', { variables: { id: ended.repaired }, ...self });
  expect(read.data.listEntry).toEqual({ status: 'REMOVED', published: false });
});

test('the public feed keeps one ENDED change of each ended entry, without the entry, its subject or a reason; officials keep the whole change', async () => {
  const of = (changes: Change[], id: string) => changes.filter((c) => c.entryId === id);
  const publicly = (await feed(feedStart, {})).changes;
  for (const id of Object.values(ended)) expect(of(publicly, id)).toEqual([{ entryId: id, change: 'ENDED', reason: null, entry: null, subject: null }]);
  expect(of(publicly, shown)).toEqual([{ entryId: shown, change: 'LISTED', reason: null, entry: { id: shown }, subject: { __typename: 'LegalPerson' } }]);
  const officially = (await feed(feedStart, department)).changes;
  expect(of(officially, ended.repaired).map((c) => [c.change, c.reason, c.entry?.id])).toEqual([['ENDED', 'REPAIR', ended.repaired]]);
  expect(of(officially, ended.revoked).filter((c) => c.change === 'ENDED').map((c) => c.reason)).toEqual(['OBJECTION']);
  expect(of(officially, ended.expired).map((c) => [c.change, c.reason])).toEqual([['LISTED', null], ['ENDED', 'EXPIRY']]);
});
