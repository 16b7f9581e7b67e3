import { isDeepStrictEqual } from 'node:util';
import { startGateway } from '../../gateway/index';
import { startBaselineGateway } from './baseline-gateway';
import { cpuPerRequest, fmt, median, mergeLoads, percentile, rps, runLoad, table, type LoadResult } from './measure';
import { post, type BenchStack } from './stack';
import { SUBJECT_QUERY } from '../../test/support/queries';

// Scenario 1: what our gateway (authentication, authorization filter, purpose, limits, metrics) costs
// per request against a plain Apollo gateway over the same subgraphs, same operations, same caller.


const SMALL_QUERY = `query Small($uscc: USCC!) { legalPerson(uscc: $uscc) { uscc name status dishonestRecordCount } }`;

const CONCURRENCY = 8;
const WARMUP = 150;
const ROUNDS = 10;
const PER_ROUND = 150;
const ROUND_MAX_MS = 10_000;

export async function overheadScenario(stack: BenchStack): Promise<string> {
  const ours = await startGateway({ port: 0, host: '127.0.0.1', keys: stack.keys, urlOf: stack.urlOf, without: ['rate-limit'] });
  const baseline = await startBaselineGateway(stack.keys, stack.urlOf);
  try {
    const headers = { authorization: `Bearer ${await stack.token('demo-department')}`, 'x-query-purpose': 'ADMINISTRATIVE_APPROVAL' };
    const subjects = stack.usccs.slice(0, 200);
    // Even i: the subject query, odd i: the small one; the subject rotates so caches see many keys.
    const body = (i: number) => ({ query: i % 2 ? SMALL_QUERY : SUBJECT_QUERY, variables: { uscc: subjects[(i >> 1) % subjects.length] } });
    const sender = (url: string) => async (i: number) => {
      const { json } = await post(url, body(i), headers);
      if (json.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(json.errors).slice(0, 300)}`);
    };
    const targets = { ours: `${ours.url}/graphql`, baseline: baseline.url };

    // Same answers from both, or the comparison means nothing.
    const same: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const [a, b] = await Promise.all([post(targets.ours, body(i), headers), post(targets.baseline, body(i), headers)]);
      if (a.json.errors?.length) throw new Error(`scenario 1 query fails on our gateway: ${JSON.stringify(a.json.errors).slice(0, 400)}`);
      same.push(isDeepStrictEqual(a.json.data, b.json.data));
    }

    for (const url of Object.values(targets)) await runLoad(sender(url), { concurrency: CONCURRENCY, requests: WARMUP, maxMs: ROUND_MAX_MS });
    // Short interleaved rounds (A B, B A, …): each pair sees the same load on the shared machine, and
    // the ratio is the median of the pairs' ratios, so drift between pairs cancels.
    const rounds: Record<'ours' | 'baseline', LoadResult[]> = { ours: [], baseline: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 ? (['baseline', 'ours'] as const) : (['ours', 'baseline'] as const);
      for (const which of order) rounds[which].push(await runLoad(sender(targets[which]), { concurrency: CONCURRENCY, requests: PER_ROUND, maxMs: ROUND_MAX_MS }));
    }
    const a = mergeLoads(rounds.ours);
    const b = mergeLoads(rounds.baseline);
    const pairs = rounds.ours.map((r, i) => rps(r) / rps(rounds.baseline[i]));
    const pairCpu = rounds.ours.map((r, i) => cpuPerRequest(r) / cpuPerRequest(rounds.baseline[i]));
    const pairP50 = rounds.ours.map((r, i) => percentile(r.latenciesMs, 50) / percentile(rounds.baseline[i].latenciesMs, 50));
    const row = (name: string, r: LoadResult) => [name, fmt.n(r.count), rps(r).toFixed(0), fmt.ms(percentile(r.latenciesMs, 50)), fmt.ms(percentile(r.latenciesMs, 95)), fmt.ms(cpuPerRequest(r)), String(r.failures)];
    const lines = [
      `1. Gateway overhead of authorization (demo-department, purpose ADMINISTRATIVE_APPROVAL; subject query + small query alternating)`,
      `   ${CONCURRENCY} concurrent, ${WARMUP} warm-up requests each, then ${ROUNDS} interleaved pairs of rounds of ≤ ${PER_ROUND} requests (≤ ${ROUND_MAX_MS / 1000} s) per gateway`,
      `   same data from both gateways: ${same.every(Boolean) ? 'yes' : `NO (${same.join(', ')})`}`,
      table([
        ['gateway', 'requests', 'req/s', 'p50', 'p95', 'CPU/request', 'failures'],
        row('ours (startGateway, authorization filter)', a),
        row('baseline (plain @apollo/gateway, no filter)', b),
      ]),
      `   req/s per round: ours ${rounds.ours.map((r) => rps(r).toFixed(0)).join(' ')}; baseline ${rounds.baseline.map((r) => rps(r).toFixed(0)).join(' ')}`,
      `   RATIO ours/baseline, median of ${ROUNDS} pairs: throughput ${fmt.ratio(median(pairs))} (pairs ${fmt.ratio(Math.min(...pairs))}–${fmt.ratio(Math.max(...pairs))}), p50 latency ${fmt.ratio(median(pairP50))}, CPU per request ${fmt.ratio(median(pairCpu))} (pairs ${fmt.ratio(Math.min(...pairCpu))}–${fmt.ratio(Math.max(...pairCpu))})`,
      `   RATIO ours/baseline, all requests pooled: throughput ${fmt.ratio(rps(a) / rps(b))}, p50 latency ${fmt.ratio(percentile(a.latenciesMs, 50) / percentile(b.latenciesMs, 50))}, p95 latency ${fmt.ratio(percentile(a.latenciesMs, 95) / percentile(b.latenciesMs, 95))}`,
    ];
    const failure = a.firstFailure ?? b.firstFailure;
    if (failure) lines.push(`   first failure: ${failure}`);
    return lines.join('\n');
  } finally {
    await baseline.stop();
    await ours.stop();
  }
}
