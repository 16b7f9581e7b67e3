import { BATCH_SLICE } from '../../gateway/plugins/batch-slices';
import { makeUscc } from '../../subgraphs/kit/protocol/codes';
import { DEMO_SIZES, legalPersonAt } from '../../subgraphs/kit/demo/demo-data';
import { MAX_SUBJECTS_PER_QUERY } from '../../subgraphs/kit/protocol/limits';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { startStack, type Stack } from '../support/stack';
import { BATCH_QUERY } from '../support/queries';

// A batch credit check (DOMAIN.md: 80,000 firms checked in pages of 10,000) is one query through the
// gateway; its SQL cost per subgraph is a small constant, whatever the number of subjects.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_batch');
}, 180_000);
afterAll(() => stack.stop());


const KNOWN = Array.from({ length: DEMO_SIZES.legalPersons }, (_, i) => legalPersonAt(i).uscc);

/** Valid codes no demo company has: organization type '2' (the demo set only uses '1'). */
function unknownUscc(n: number): string {
  return makeUscc('9', '2', '310106', String(n).padStart(8, '0'));
}

/** `size` codes: the known ones spread evenly among unknown ones, so order mistakes show. */
function batch(size: number, known = KNOWN): string[] {
  const step = Math.max(1, Math.floor(size / known.length));
  let k = 0;
  return Array.from({ length: size }, (_, i) => (i % step === 0 && k < known.length ? known[k++] : unknownUscc(i)));
}

interface Row {
  uscc: string;
  dishonestRecordCount: number;
  listEntries: { id: string; listType: string; status: string }[];
  applicableMeasures: { measure: { id: string; mandatory: boolean }; listEntry: { id: string }; suspended: boolean }[];
}

async function check(usccs: string[]): Promise<{ rows: (Row | null)[]; selects: Record<SubgraphName, number> }> {
  const subgraphs = Object.values(stack.subgraphs);
  subgraphs.forEach((s) => s.counter.start());
  const res = await stack.query<{ legalPersons: (Row | null)[] }>(BATCH_QUERY, {
    variables: { usccs }, clientId: 'demo-department', purpose: 'ADMINISTRATIVE_APPROVAL',
  });
  subgraphs.forEach((s) => s.counter.stop());
  expect(res.errors).toBeUndefined();
  const selects = Object.fromEntries(subgraphs.map((s) => [s.name, s.counter.selects()])) as Record<SubgraphName, number>;
  return { rows: res.data!.legalPersons, selects };
}

test('10,000 subjects in one query: known ones in input order, unknown ones null', async () => {
  const usccs = batch(MAX_SUBJECTS_PER_QUERY);
  const known = new Set(KNOWN);
  const { rows } = await check(usccs);
  expect(rows).toHaveLength(usccs.length);
  rows.forEach((row, i) => {
    if (known.has(usccs[i])) expect(row?.uscc).toBe(usccs[i]);
    else expect(row).toBeNull();
  });
  expect(rows.filter((r) => r !== null)).toHaveLength(KNOWN.length);
  // The demo subject (index 0) has one active BLACK entry that triggers punishment measures.
  const subject = rows[0]!;
  expect(subject.listEntries.some((e) => e.listType === 'BLACK' && e.status === 'ACTIVE')).toBe(true);
  expect(subject.applicableMeasures.length).toBeGreaterThan(0);
  expect(subject.dishonestRecordCount).toBeGreaterThan(0);
});

test('the SQL SELECT count per subgraph is a small constant per slice of 1,000 subjects, whatever the batch holds', async () => {
  const small = await check(batch(100, KNOWN.slice(0, 50)));
  const large = await check(batch(MAX_SUBJECTS_PER_QUERY));
  console.log(`SELECTs per subgraph: 100 subjects ${JSON.stringify(small.selects)}; 10,000 subjects ${JSON.stringify(large.selects)}`);
  // The gateway answers a long batch slice by slice (gateway/plugins/batch-slices.ts); each slice is one pass.
  const slices = Math.ceil(MAX_SUBJECTS_PER_QUERY / BATCH_SLICE);
  expect(large.selects).toEqual(Object.fromEntries(Object.entries(small.selects).map(([k, n]) => [k, n * slices])));
  for (const n of Object.values(small.selects)) expect(n).toBeLessThanOrEqual(4);
  expect(large.selects['legal-persons']).toBeGreaterThan(0);
  expect(large.selects.lists).toBeGreaterThan(0);
});

test('10,001 subjects is BATCH_TOO_LARGE', async () => {
  const usccs = batch(MAX_SUBJECTS_PER_QUERY + 1);
  const res = await stack.query(BATCH_QUERY, { variables: { usccs }, clientId: 'demo-department', purpose: 'ADMINISTRATIVE_APPROVAL' });
  expect(res.errors?.map((e) => e.extensions?.code)).toContain('BATCH_TOO_LARGE');
  expect(res.data?.legalPersons ?? null).toBeNull();
});
