import { legalPersonAt, listEntriesForLegalPerson } from '../../subgraphs/kit/demo/demo-data';
import { eventually } from '../support/objections-stack';
import { startStack, type Stack } from '../support/stack';

// Query.listChanges: implementing units read every list change after their cursor, in order, instead
// of polling every subject (002 四(二)); unpublished entries' changes only for officials with lists:read.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_list_changes');
});
afterAll(() => stack.stop());

const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const CHANGES = `query($after: String, $first: Int) { listChanges(after: $after, first: $first) {
  edges { cursor node { change reason at entryId entry { id status published } } } pageInfo { hasNextPage endCursor } } }`;
const LIST = `mutation($input: ListSubjectInput!) { listSubject(input: $input) { id } }`;
const REMOVE = `mutation($id: ID!) { removeListEntry(id: $id, reason: "整改完成，提前移出") { id status } }`;

type Page = { edges: { cursor: string; node: { change: string; reason: string | null; at: string; entryId: string; entry: { id: string; published: boolean } | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

async function page(after: string | null, first: number, who: object = department): Promise<Page> {
  const res = await stack.query(CHANGES, { variables: { after, first }, ...who });
  expect(res.errors).toBeUndefined();
  return res.data.listChanges;
}

/** Every change after the cursor, page by page. */
async function drain(after: string | null, first: number, who: object = department): Promise<{ changes: Page['edges']; end: string | null }> {
  const changes: Page['edges'] = [];
  for (let cursor = after; ; ) {
    const p = await page(cursor, first, who);
    changes.push(...p.edges);
    cursor = p.pageInfo.endCursor;
    if (!p.pageInfo.hasNextPage) return { changes, end: cursor };
  }
}

const listing = (i: number, extra: Record<string, unknown> = {}) => ({
  input: { subjectType: 'LEGAL_PERSON', subjectId: legalPersonAt(i).uscc, listType: 'BLACK', domain: 'market-supervision', basis: '《严重违法失信企业名单管理暂行办法》', decidedOn: '2026-06-01', noticeServedOn: '2026-05-20', ...extra },
});

async function list(i: number, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.query(LIST, { variables: listing(i, extra), ...department });
  expect(res.errors).toBeUndefined();
  return res.data.listSubject.id;
}

test('a listing and its end appear in order after the cursor, and the feed resumes from any cursor', async () => {
  const { end: start } = await drain(null, 500);
  const id = await list(71);
  expect((await stack.query(REMOVE, { variables: { id }, ...department })).data.removeListEntry.status).toBe('REMOVED');
  const { changes } = await drain(start, 500);
  expect(changes.map((c) => [c.node.entryId, c.node.change, c.node.reason])).toEqual([[id, 'LISTED', null], [id, 'ENDED', 'REMOVAL']]);
  expect(changes[0].node.at <= changes[1].node.at).toBe(true);
  // Page by page (one change a page) is the same sequence; resuming after the first gives the second.
  expect((await drain(start, 1)).changes.map((c) => c.cursor)).toEqual(changes.map((c) => c.cursor));
  expect((await page(changes[0].cursor, 10)).edges.map((c) => c.node.change)).toEqual(['ENDED']);
  // An empty page keeps the cursor, so a poller asks again from the same place.
  expect((await page(changes[1].cursor, 10)).pageInfo).toEqual({ hasNextPage: false, endCursor: changes[1].cursor });
});

test('the whole feed is in recorded order: each page continues the previous one', async () => {
  const { changes } = await drain(null, 97);
  const all = (await drain(null, 500)).changes;
  expect(changes.map((c) => c.cursor)).toEqual(all.map((c) => c.cursor));
  expect(new Set(all.map((c) => c.cursor)).size).toBe(all.length);
  expect(all.every((c, i) => i === 0 || all[i - 1].node.at <= c.node.at)).toBe(true);
});

test('an entry whose period has ended shows ENDED with reason EXPIRY, once, after its listing', async () => {
  const { end: start } = await drain(null, 500);
  const id = await list(72, { decidedOn: '2023-01-10', noticeServedOn: '2023-01-05', periodEndsOn: '2024-01-10' });
  const once = (await drain(start, 500)).changes.filter((c) => c.node.entryId === id);
  const twice = (await drain(start, 500)).changes.filter((c) => c.node.entryId === id);
  expect(once.map((c) => [c.node.change, c.node.reason])).toEqual([['LISTED', null], ['ENDED', 'EXPIRY']]);
  expect(twice.map((c) => c.cursor)).toEqual(once.map((c) => c.cursor));
});

test('changes of an unpublished entry reach officials with lists:read only', async () => {
  const { end: start } = await drain(null, 500);
  const id = await list(73, { published: false });
  const seen = async (who: object) => (await drain(start, 500, who)).changes.some((c) => c.node.entryId === id);
  expect(await seen(department)).toBe(true);
  expect(await seen({})).toBe(false);
  expect(await seen({ clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' })).toBe(false);
  expect(await seen({ clientId: 'demo-department' })).toBe(false); // no purpose declared
});

test('a cursor the feed did not return, and a page over 500, are BAD_USER_INPUT naming the argument', async () => {
  for (const [variables, field] of [[{ after: 'bm90LWEtY3Vyc29y' }, 'after'], [{ first: 501 }, 'first']] as const) {
    const res = await stack.query(CHANGES, { variables, ...department });
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', field]]);
  }
});

test('000 item 17 in Jing’an: an objection to an entry records SUSPENDED, its decision RESUMED', async () => {
  // Companies without a demo entry, so the listing is the only one of theirs.
  const free = Array.from({ length: 200 }, (_, i) => 100 + i).filter((i) => listEntriesForLegalPerson(i, legalPersonAt(i)).length === 0);
  const FILE = `mutation($id: ID!) { fileObjection(input: { targetType: LIST_ENTRY, targetId: $id, reason: "列入依据有误" }) { id } }`;
  const DECIDE = `mutation($id: ID!) { decideObjection(id: $id, outcome: REJECTED, note: "经核查，列入依据无误") { status } }`;
  const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
  const { end: start } = await drain(null, 500);
  const id = await list(free[0]);
  const filed = await stack.query(FILE, { variables: { id }, ...department });
  expect(filed.errors).toBeUndefined();
  const ofEntry = async () => (await drain(start, 500)).changes.filter((c) => c.node.entryId === id).map((c) => [c.node.change, c.node.reason]);
  expect(await eventually(ofEntry, (c) => c.length === 2)).toEqual([['LISTED', null], ['SUSPENDED', 'OBJECTION']]);
  const decided = await stack.query(DECIDE, { variables: { id: filed.data.fileObjection.id }, ...admin });
  expect(decided.errors).toBeUndefined();
  expect(await eventually(ofEntry, (c) => c.length === 3)).toEqual([['LISTED', null], ['SUSPENDED', 'OBJECTION'], ['RESUMED', 'OBJECTION_CLOSED']]);
  // The history keeps the bookkeeping rows (who opened and closed what); the feed shows only the pause.
  const HISTORY = `query($id: ID!) { listEntry(id: $id) { history { event } } }`;
  const history = (await stack.query(HISTORY, { variables: { id }, ...department })).data.listEntry.history.map((h: { event: string }) => h.event);
  expect(history).toEqual(['LISTED', 'OBJECTION_OPENED', 'SUSPENDED', 'OBJECTION_CLOSED', 'RESUMED']);
}, 60_000);
