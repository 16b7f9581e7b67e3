import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { today } from '../../subgraphs/kit/calendar/clock';
import { MEMBERS } from '../hostile/values';
import { eventually } from '../support/objections-stack';
import { startStack, type Stack } from '../support/stack';

// listChanges gives a caller only what it could read on the entry itself. An entry's SUSPENDED / RESUMED (an
// objection of its subject under verification) and the reason of any change are its history (ListEntry.history:
// lists:read and the subject's row rule); the feed spans every subject, so only officials get them there, and
// their read is in the subject's access log (lists:read) as a read of the history is. Walked over every kind of
// caller and two entries under objection: the demo subject's (not a member of demo-association) and a member's.
let stack: Stack;
const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
const callers: Record<string, { clientId?: string; purpose?: string }> = {
  public: {}, subject: { clientId: 'demo-subject', purpose: 'SELF_QUERY' }, person: { clientId: 'demo-person', purpose: 'SELF_QUERY' },
  association: { clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' }, agency: { clientId: 'demo-agency', purpose: 'BIDDING' },
  department, court: { clientId: 'demo-court', purpose: 'JUDICIAL' }, admin,
};
const OFFICIALS = ['demo-department', 'demo-court', 'demo-admin'];
const subjects = { [DEMO_SUBJECT.uscc]: '', [MEMBERS[0]]: '' };
let start: string | null;

const FEED = `query Feed($after: String) { listChanges(after: $after, first: 200) {
  edges { node { entryId change reason entry { id } subject { ... on LegalPerson { uscc } } } } pageInfo { hasNextPage endCursor } } }`;
type Change = { entryId: string; change: string; reason: string | null; entry: { id: string } | null; subject: { uscc: string } | null };

async function feed(who: object, after: string | null = start): Promise<{ changes: Change[]; end: string | null }> {
  const changes: Change[] = [];
  for (let cursor = after; ;) {
    const res: any = await stack.query(FEED, { variables: { after: cursor }, ...who });
    expect(res.errors).toBeUndefined();
    changes.push(...res.data.listChanges.edges.map((e: { node: Change }) => e.node));
    cursor = res.data.listChanges.pageInfo.endCursor;
    if (!res.data.listChanges.pageInfo.hasNextPage) return { changes, end: cursor };
  }
}

beforeAll(async () => {
  stack = await startStack('e2e_changes_history');
  start = (await feed(department, null)).end;
  const entries = (await stack.query(`{ legalPerson(uscc: "${DEMO_SUBJECT.uscc}") { listEntries { id listType } } }`, department)).data.legalPerson.listEntries;
  subjects[DEMO_SUBJECT.uscc] = entries.find((e: { listType: string }) => e.listType === 'BLACK').id;
  const listed = await stack.query('mutation($i: ListSubjectInput!) { listSubject(input: $i) { id } }', {
    variables: { i: { subjectType: 'LEGAL_PERSON', subjectId: MEMBERS[0], listType: 'BLACK', domain: 'market-supervision', basis: '《严重违法失信企业名单管理暂行办法》', decidedOn: today(), noticeServedOn: today() } },
    ...department,
  });
  subjects[MEMBERS[0]] = listed.data.listSubject.id;
  const FILE = 'mutation($id: ID!) { fileObjection(input: { targetType: LIST_ENTRY, targetId: $id, reason: "the basis was annulled" }) { id } }';
  expect((await stack.query(FILE, { variables: { id: subjects[DEMO_SUBJECT.uscc] }, ...callers.subject })).errors).toBeUndefined();
  expect((await stack.query(FILE, { variables: { id: subjects[MEMBERS[0]] }, ...department })).errors).toBeUndefined();
  // Jing'an suspends while the objection is verified: the objections outbox records SUSPENDED on each entry.
  const suspended = (c: Change[]) => Object.values(subjects).every((id) => c.some((x) => x.entryId === id && x.change === 'SUSPENDED'));
  await eventually(() => feed(department).then((f) => f.changes), suspended);
}, 180_000);
afterAll(() => stack.stop());

test('each caller gets in the feed only what it reads on the entry: a suspension or a reason only with the history, the entry only with the entry', async () => {
  const got: Record<string, string[]> = {};
  for (const [name, who] of Object.entries(callers)) {
    const { changes } = await feed(who);
    got[name] = [];
    for (const [uscc, id] of Object.entries(subjects)) {
      const mine = changes.filter((c) => c.entryId === id);
      const read: any = await stack.query('query($id: ID!) { listEntry(id: $id) { id history { event reason } } }', { variables: { id }, ...who });
      const history: { event: string }[] | null = read.data?.listEntry?.history ?? null;
      for (const c of mine) {
        if (c.change === 'SUSPENDED' || c.change === 'RESUMED') expect([name, history?.map((h) => h.event)]).toEqual([name, expect.arrayContaining([c.change])]);
        if (c.reason !== null) expect([name, c.reason, history !== null]).toEqual([name, c.reason, true]);
        if (c.entry) expect([name, read.data?.listEntry?.id]).toEqual([name, id]);
        if (c.subject) expect(c.subject).toEqual({ uscc });
        got[name].push(`${uscc === DEMO_SUBJECT.uscc ? 'subject' : 'member'}:${c.change}:${c.reason}`);
      }
    }
  }
  // Officials read the suspensions, with their reason; nobody else does, not even with the history open to it.
  for (const name of ['department', 'court', 'admin']) expect(got[name]).toEqual(['subject:SUSPENDED:OBJECTION', 'member:LISTED:null', 'member:SUSPENDED:OBJECTION']);
  for (const name of ['public', 'subject', 'person', 'association', 'agency']) expect([name, got[name]]).toEqual([name, ['member:LISTED:null']]);
});

test("an official's read of a suspension through the feed is in the subject's access log, as lists:read", async () => {
  for (const who of [department, callers.court, admin]) await feed(who);
  for (const uscc of Object.keys(subjects)) {
    const log = await stack.query(`{ legalPerson(uscc: "${uscc}") { accessLog(first: 100) { edges { node { clientId operationName fieldGroups } } } } }`, admin);
    const fromFeed = log.data.legalPerson.accessLog.edges.map((e: { node: { clientId: string; operationName: string; fieldGroups: string[] } }) => e.node).filter((n: { operationName: string }) => n.operationName === 'Feed');
    expect(new Set(fromFeed.map((n: { clientId: string }) => n.clientId))).toEqual(new Set(OFFICIALS));
    expect(fromFeed.every((n: { fieldGroups: string[] }) => n.fieldGroups.includes('lists:read'))).toBe(true);
  }
});
