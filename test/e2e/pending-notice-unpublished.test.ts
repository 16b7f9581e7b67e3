import { DEMO_SUBJECT, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { today } from '../../subgraphs/kit/calendar/clock';
import { readPaths, render, type Values } from '../support/list-entry-paths';
import { MEMBERS } from '../hostile/values';
import { startStack, type Stack } from '../support/stack';

// A BLACK listing waits as PENDING_NOTICE until the party has been told the reasons, basis and its rights
// (DOMAIN.md "National rules"). Until then it is not in effect and not published: officials with lists:read
// and a purpose read it (the listing department serves the notice), nobody else does on any path — the
// public, the subject itself, an association for its member — and listChanges carries its LISTED change
// only once the notice is recorded. The paths are every field of the API schema that returns ListEntry,
// each reached from a root field by the shortest path whose arguments this test can fill (support/list-entry-paths).
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_pending_notice');
}, 180_000);
afterAll(() => stack.stop());

const department = { clientId: 'demo-department', purpose: 'DAILY_SUPERVISION' };
const LIST = `mutation($i: ListSubjectInput!) { listSubject(input: $i) { id status published } }`;
const CHANGES = 'query($a: String) { listChanges(after: $a, first: 500) { edges { node { change entryId } } pageInfo { endCursor } } }';

async function feedAfter(after: string | null, who: object = department): Promise<{ changes: string[]; end: string | null }> {
  const changes: string[] = [];
  for (let i = 0; i < 50; i++) {
    const page: any = await stack.query(CHANGES, { variables: { a: after }, ...who });
    const edges = page.data.listChanges.edges;
    changes.push(...edges.map((e: any) => `${e.node.change}:${e.node.entryId}`));
    if (edges.length === 0) break;
    after = page.data.listChanges.pageInfo.endCursor;
  }
  return { changes, end: after };
}

const paths = readPaths(true);

test('the walk reaches every field that returns a list entry', () => {
  expect([...paths.keys()].sort()).toEqual([...readPaths(false).keys()].sort());
  expect([...paths.keys()]).toEqual(expect.arrayContaining(['Query.listEntry', 'ListEntryEdge.node', 'ListChange.entry', 'LegalPerson.listEntries', 'NaturalPerson.listEntries', 'NaturalPerson.linkedListEntries', 'ApplicableMeasure.listEntry']));
});

test('a BLACK entry awaiting its notice is read by officials only, on every path; the feed lists it when the notice is recorded', async () => {
  const member = MEMBERS[0];
  const person = (await stack.query('query($n: ResidentIdNumber!) { naturalPerson(idNumber: $n) { id } }', { variables: { n: DEMO_SUBJECT.legalRepresentativeIdNumber }, ...department })).data.naturalPerson.id;
  const { end: feedStart } = await feedAfter(null);
  const listing = (subjectType: string, subjectId: string, domain: string) => ({
    i: { subjectType, subjectId, listType: 'BLACK', domain, basis: '《严重违法失信企业名单管理暂行办法》', decidedOn: today() },
  });
  const pending: Record<string, string> = {};
  for (const [who, input] of [['subject', listing('LEGAL_PERSON', DEMO_SUBJECT.uscc, 'work-safety')], ['member', listing('LEGAL_PERSON', member, 'work-safety')], ['person', listing('NATURAL_PERSON', person, 'food-drug')]] as const) {
    const res = await stack.query(LIST, { variables: input, ...department });
    expect(res.errors).toBeUndefined();
    expect(res.data.listSubject).toMatchObject({ status: 'PENDING_NOTICE', published: false });
    pending[who] = res.data.listSubject.id;
  }
  const ids = Object.values(pending);
  const shows = (answer: unknown) => ids.filter((id) => JSON.stringify(answer ?? null).includes(id));

  const callers: [string, { clientId?: string; purpose?: string }][] = [
    ['public', {}], ['subject', { clientId: 'demo-subject', purpose: 'SELF_QUERY' }], ['person', { clientId: 'demo-person', purpose: 'SELF_QUERY' }],
    ['association', { clientId: 'demo-association', purpose: 'INDUSTRY_SELF_REGULATION' }], ['department', department],
  ];
  const seen: Record<string, string[]> = {};
  for (const [name, who] of callers) {
    for (const [field, path] of paths) {
      // Each path once for every pending entry: its subject (or the company) and its id where the path takes them.
      for (const [target, id] of Object.entries(pending)) {
        const uscc = target === 'member' ? member : DEMO_SUBJECT.uscc;
        const v: Values = { uscc, usccs: [DEMO_SUBJECT.uscc, member], idNumber: DEMO_SUBJECT.legalRepresentativeIdNumber, purpose: who.purpose ?? null, entryId: id, feedStart };
        const { query, variables } = render(path, v);
        const res = await stack.query(query, { variables, ...who });
        for (const found of shows(res.data)) seen[name] = [...new Set([...(seen[name] ?? []), `${field}:${found}`])];
      }
    }
  }
  // Officials see each pending entry by id, across all entries and under its subject; the feed does not carry it yet.
  const at = (field: string, ...of: string[]) => of.map((id) => `${field}:${id}`);
  expect(seen.department?.sort()).toEqual([
    ...at('Query.listEntry', ...ids), ...at('ListEntryEdge.node', ...ids),
    ...at('LegalPerson.listEntries', pending.subject, pending.member), ...at('NaturalPerson.listEntries', pending.person),
  ].sort());
  expect({ public: seen.public, subject: seen.subject, person: seen.person, association: seen.association }).toEqual({ public: undefined, subject: undefined, person: undefined, association: undefined });

  // Once the notice is recorded the entry is in effect, published, and the feed lists it — after the cursor taken before the listing.
  const NOTICE = 'mutation($id: ID!, $on: String!) { recordListingNotice(id: $id, servedOn: $on) { status published } }';
  expect((await stack.query(NOTICE, { variables: { id: pending.member, on: today() }, ...department })).data.recordListingNotice).toEqual({ status: 'ACTIVE', published: true });
  for (const who of [{}, department]) {
    const { changes } = await feedAfter(feedStart, who);
    expect(changes.filter((c) => ids.some((id) => c.endsWith(id)))).toEqual([`LISTED:${pending.member}`]);
  }
  const single = await stack.query('query($id: ID!) { listEntry(id: $id) { id status subject { ... on LegalPerson { uscc } } } }', { variables: { id: pending.member } });
  expect(single.data.listEntry).toEqual({ id: pending.member, status: 'ACTIVE', subject: { uscc: member } });
}, 180_000);

test('a listing that is not BLACK, or served with its notice, is published at once', async () => {
  const uscc = legalPersonAt(7).uscc;
  const res = await stack.query(LIST, { variables: { i: { subjectType: 'LEGAL_PERSON', subjectId: uscc, listType: 'BLACK', domain: 'market-supervision', basis: '《严重违法失信企业名单管理暂行办法》', decidedOn: today(), noticeServedOn: today() } }, ...department });
  expect(res.data.listSubject).toMatchObject({ status: 'ACTIVE', published: true });
  const single = await stack.query('query($id: ID!) { listEntry(id: $id) { id } }', { variables: { id: res.data.listSubject.id } });
  expect(single.data.listEntry).toEqual({ id: res.data.listSubject.id });
});
