import { performance } from 'node:perf_hooks';
import { startGateway } from '../../gateway/index';
import { MAX_SUBJECTS_PER_QUERY } from '../../subgraphs/kit/protocol/limits';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { fmt, median, table } from './measure';
import { post, type BenchStack } from './stack';
import { BATCH_QUERY } from '../../test/support/queries';

// Scenario 3: a batch credit check, `legalPersons(usccs:)` for 10,000 subjects through the gateway,
// against 1,000. Goal: the SQL statement count per subgraph stays constant (DataLoader batching).


const SMALL = 1_000;
const LARGE = MAX_SUBJECTS_PER_QUERY;
const REPEATS = 3;

interface Run {
  ms: number;
  found: number;
  bytes: number;
  /** Per subgraph: SELECTs / all statements, and the time its HTTP requests took (sum). */
  sql: Record<SubgraphName, { selects: number; statements: number }>;
  subgraphMs: Record<string, number>;
}

/** `size` codes from the data set, repeated in order when it holds fewer. */
function batchOf(usccs: string[], size: number): string[] {
  return Array.from({ length: size }, (_, i) => usccs[i % usccs.length]);
}

export async function batchCheckScenario(stack: BenchStack): Promise<string> {
  const gateway = await startGateway({ port: 0, host: '127.0.0.1', keys: stack.keys, urlOf: stack.urlOf, without: ['rate-limit'] });
  try {
    const headers = { authorization: `Bearer ${await stack.token('demo-department')}`, 'x-query-purpose': 'ADMINISTRATIVE_APPROVAL' };
    const subgraphs = Object.values(stack.subgraphs);
    // Time spent inside each subgraph: request received → response finished, summed per check.
    let subgraphMs: Record<string, number> = {};
    for (const s of subgraphs) {
      s.server.on('request', (_req, res) => {
        const t0 = performance.now();
        res.on('finish', () => (subgraphMs[s.name] = (subgraphMs[s.name] ?? 0) + performance.now() - t0));
      });
    }
    const check = async (usccs: string[]): Promise<Run> => {
      subgraphMs = {};
      subgraphs.forEach((s) => s.counter.start());
      const t0 = performance.now();
      const { json, bytes } = await post(`${gateway.url}/graphql`, { query: BATCH_QUERY, variables: { usccs } }, headers);
      const ms = performance.now() - t0;
      const statements = subgraphs.map((s) => s.counter.stop());
      if (json.errors?.length) throw new Error(`batch check failed: ${JSON.stringify(json.errors.slice(0, 3))}`);
      const sql = Object.fromEntries(
        subgraphs.map((s, i) => [s.name, { selects: statements[i].filter((q) => /^\s*SELECT/i.test(q)).length, statements: statements[i].length }]),
      ) as Run['sql'];
      return { ms, found: (json.data.legalPersons as unknown[]).filter(Boolean).length, bytes, sql, subgraphMs };
    };
    const small = batchOf(stack.usccs, SMALL);
    const large = batchOf(stack.usccs, LARGE);
    await check(large); // warm-up: plans, connections, database caches
    const runs: Record<'small' | 'large', Run[]> = { small: [], large: [] };
    for (let r = 0; r < REPEATS; r++) {
      runs.small.push(await check(small));
      runs.large.push(await check(large));
    }
    const ms = (k: 'small' | 'large') => median(runs[k].map((r) => r.ms));
    const sqlStable = (k: 'small' | 'large') => runs[k].every((r) => JSON.stringify(r.sql) === JSON.stringify(runs[k][0].sql));
    const names = subgraphs.map((s) => s.name as SubgraphName);
    const sqlCell = (run: Run, name: SubgraphName) => `${run.sql[name].selects}/${run.sql[name].statements}`;
    const distinct = (list: string[]) => new Set(list).size;
    const row = (label: string, k: 'small' | 'large', list: string[]) => {
      const last = runs[k][REPEATS - 1];
      return [label, fmt.n(distinct(list)), fmt.n(last.found), fmt.ms(ms(k)), fmt.ms((ms(k) / list.length) * 1000), `${(last.bytes / 1024).toFixed(0)} KiB`, ...names.map((n) => sqlCell(last, n))];
    };
    const constant = names.every((n) => runs.small[0].sql[n].selects === runs.large[0].sql[n].selects);
    const growing = names.filter((n) => runs.large[0].sql[n].selects > runs.small[0].sql[n].selects);
    const lines = [
      `3. Batch credit check: legalPersons(usccs:) with dishonestRecordCount, listEntries, applicableMeasures (demo-department)`,
      `   data: ${stack.dataNote}`,
    ];
    if (stack.usccs.length < LARGE) lines.push(`   only ${stack.usccs.length} legal persons exist: the USCC list repeats them in order to reach ${fmt.n(SMALL)} and ${fmt.n(LARGE)} codes`);
    lines.push(
      `   median of ${REPEATS} runs after one warm-up; SQL cells are SELECTs/all statements per subgraph (last run${sqlStable('small') && sqlStable('large') ? ', the same in every run' : ', varied between runs'})`,
      table([
        ['batch', 'distinct', 'found', 'wall', 'per 1,000', 'response', ...names],
        row(`${fmt.n(SMALL)} USCCs`, 'small', small),
        row(`${fmt.n(LARGE)} USCCs`, 'large', large),
      ]),
      `   time inside each subgraph, ${fmt.n(LARGE)} USCCs (last run): ${names.map((n) => `${n} ${fmt.ms(runs.large[REPEATS - 1].subgraphMs[n] ?? 0)}`).join(', ')} (fetches may overlap; the rest is the gateway and the wire)`,
      `   RATIO ${fmt.n(LARGE)}/${fmt.n(SMALL)}: wall time ${fmt.ratio(ms('large') / ms('small'))} for ${fmt.ratio(LARGE / SMALL)} the subjects; SQL count ${constant ? 'constant (same per subgraph)' : `GROWS in ${growing.join(', ')}`}`,
    );
    return lines.join('\n');
  } finally {
    await gateway.stop();
  }
}
