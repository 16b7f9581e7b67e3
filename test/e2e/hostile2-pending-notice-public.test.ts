import { legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { startStack, type Stack } from '../support/stack';

// Hostile review: a BLACK listing waits as PENDING_NOTICE until the party has been told the reasons,
// basis and its rights (DOMAIN.md "National rules": before a serious-dishonesty listing the party is
// told; README "The joint reward/punishment loop"). Until then it is not in effect — yet the public
// (no token) already reads it, with the company's name, on listEntry(id), listEntries(filter),
// legalPerson.listEntries(activeOnly: false), and as LISTED in the listChanges feed.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_h2_pending_notice');
}, 180_000);
afterAll(() => stack.stop());

const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };

test('a BLACK entry awaiting its notice is not shown to the public on any path', async () => {
  const uscc = legalPersonAt(7).uscc;
  const listed = await stack.query(`mutation($u: ID!) { listSubject(input: { subjectType: LEGAL_PERSON, subjectId: $u, listType: BLACK,
    domain: "market-supervision", basis: "《严重违法失信企业名单管理暂行办法》", decidedOn: "2026-11-02" }) { id status published } }`, { variables: { u: uscc }, ...department });
  expect(listed.errors).toBeUndefined();
  expect(listed.data.listSubject.status).toBe('PENDING_NOTICE');
  const id = listed.data.listSubject.id;

  const single = await stack.query('query($id: ID!) { listEntry(id: $id) { id status subject { ... on LegalPerson { uscc name } } } }', { variables: { id } });
  const filtered = await stack.query('{ listEntries(filter: { listType: BLACK }, first: 100) { edges { node { id } } } }');
  const onSubject = await stack.query('query($u: USCC!) { legalPerson(uscc: $u) { listEntries(activeOnly: false) { id status } } }', { variables: { u: uscc } });
  const feed: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: any = await stack.query('query($a: String) { listChanges(after: $a, first: 500) { edges { node { change entry { id } } } pageInfo { endCursor } } }', { variables: { a: after } });
    const edges = page.data.listChanges.edges;
    feed.push(...edges.map((e: any) => `${e.node.change}:${e.node.entry.id}`));
    if (edges.length === 0) break;
    after = page.data.listChanges.pageInfo.endCursor;
  }

  // Today: listEntry → { id, status: "PENDING_NOTICE", subject: { uscc, name } }; it is the first BLACK edge;
  // legalPerson.listEntries(activeOnly: false) lists it; the feed carries "LISTED:<id>".
  expect({
    listEntry: single.data.listEntry,
    inListEntries: filtered.data.listEntries.edges.some((e: any) => e.node.id === id),
    onSubject: onSubject.data.legalPerson.listEntries.some((e: any) => e.id === id),
    inFeed: feed.filter((f) => f.endsWith(id)),
  }).toEqual({ listEntry: null, inListEntries: false, onSubject: false, inFeed: [] });
});
