import { DEMO_ORGS } from '../../subgraphs/kit/demo/demo-data';
import { demoObjections } from '../../subgraphs/objections/seed';
import { startObjectionsStack, type ObjectionsStack } from '../support/objections-stack';
import { testCaller } from '../support/subgraph-client';

// Work queues (001 Art. 31; "who finds, repairs"): each deciding body sees what is with it, earliest
// working-day deadline first, with overdue flags, on the seeded objections (filed 2026-06-24…29).
let stack: ObjectionsStack;
beforeAll(async () => {
  process.env.CREDIT_TODAY = '2026-07-02';
  stack = await startObjectionsStack('work_queues');
}, 120_000);
afterAll(async () => {
  delete process.env.CREDIT_TODAY;
  await stack.stop();
});

const unit = (org: string, jurisdiction: string) => testCaller({ kind: 'DEPARTMENT', org, jurisdiction });
const department = unit(DEMO_ORGS.department.org, '310106');
const environment = unit(DEMO_ORGS.environment.org, '370115');
const OBJECTIONS = `query($o: Boolean, $first: Int, $after: String) { objectionQueue(overdueOnly: $o, first: $first, after: $after) {
  totalCount edges { cursor node { id status decideBy overdue } } pageInfo { hasNextPage endCursor } } }`;
const REPAIRS = `query($o: Boolean) { repairQueue(overdueOnly: $o) { totalCount edges { node { id decideBy overdue } } } }`;
const queue = async (as = testCaller(), vars: Record<string, unknown> = {}) => {
  const res = await stack.call(OBJECTIONS, vars, as);
  expect(res.errors).toBeUndefined();
  return res.data.objectionQueue;
};
const ids = (q: { edges: { node: { id: string } }[] }) => q.edges.map((e) => e.node.id);

test('the platform sees the objections still with it, earliest deadline first; overdueOnly keeps those past decideBy', async () => {
  const seeded = demoObjections(stack.keys).objections;
  const withPlatform = seeded.filter((o) => o.status === 'FILED').sort((a, b) => a.decideBy.localeCompare(b.decideBy) || a.id.localeCompare(b.id));
  const all = await queue();
  expect(ids(all)).toEqual(withPlatform.map((o) => o.id));
  expect(all.edges.map((e: { node: { decideBy: string } }) => e.node.decideBy)).toEqual([...all.edges.map((e: { node: { decideBy: string } }) => e.node.decideBy)].sort());
  const overdue = await queue(testCaller(), { o: true });
  expect(overdue.totalCount).toBeGreaterThan(0);
  expect(overdue.edges.every((e: { node: { overdue: boolean; decideBy: string } }) => e.node.overdue && e.node.decideBy < '2026-07-02')).toBe(true);
  expect(ids(overdue)).toEqual(withPlatform.filter((o) => o.decideBy < '2026-07-02').map((o) => o.id));
});

test('pages resume from the cursor without repeating or skipping', async () => {
  const all = ids(await queue());
  const first = await queue(testCaller(), { first: 1 });
  expect(first.pageInfo.hasNextPage).toBe(all.length > 1);
  const rest = await queue(testCaller(), { after: first.pageInfo.endCursor });
  expect([...ids(first), ...ids(rest)]).toEqual(all);
});

test('a unit sees what was forwarded or routed to it, and nobody else’s; the subject has no queue', async () => {
  const jiyang = demoObjections(stack.keys).objections.find((o) => o.status === 'FORWARDED')!;
  expect(ids(await queue(environment))).toEqual([jiyang.id]);
  expect(ids(await queue(department))).toEqual([]);
  const [next] = ids(await queue());
  await stack.call(`mutation($id: ID!, $p: String) { forwardObjection(id: $id, provider: $p) { status } }`, { id: next, p: DEMO_ORGS.department.org });
  expect(ids(await queue(department))).toEqual([next]);
  expect(ids(await queue())).not.toContain(next);
  const subject = testCaller({ kind: 'SUBJECT', clientId: 's', subject: { type: 'LEGAL_PERSON', id: jiyang.subjectId } });
  expect((await stack.call(OBJECTIONS, {}, subject)).errors?.[0].extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
});

test('repairs are queued for the body that made the finding, with their working-day deadline', async () => {
  const pending = demoObjections(stack.keys).repairs.filter((r) => r.status === 'PENDING');
  const mine = await stack.call(REPAIRS, {}, department);
  expect(mine.data.repairQueue.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(pending.filter((r) => r.listedBy === DEMO_ORGS.department.org).map((r) => r.id));
  expect(mine.data.repairQueue.edges[0].node).toMatchObject({ decideBy: '2026-07-13', overdue: false });
  expect((await stack.call(REPAIRS, {}, testCaller())).data.repairQueue.totalCount).toBe(0);
  expect((await stack.call(REPAIRS, { o: true }, department)).data.repairQueue.totalCount).toBe(0);
});
