import { performance } from 'node:perf_hooks';
import { legalPersonAt } from '../subgraphs/kit/demo/demo-data';
import { MAX_SUBJECTS_PER_QUERY } from '../subgraphs/kit/protocol/limits';
import { startFleet } from '../test/support/processes';
import { BATCH_QUERY } from '../test/support/queries';

// While the largest allowed batch runs through the gateway (its own process), /health is asked every
// 10 ms; prints the batch's time and /health's p50/p99/max. Usage: tsx scripts/health-under-load.ts
async function main(): Promise<void> {
  const fleet = await startFleet('health_load', {}, process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : []);
  try {
    const usccs = Array.from({ length: MAX_SUBJECTS_PER_QUERY }, (_, i) => legalPersonAt(i % 600).uscc);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await fleet.token('demo-department')}`, 'x-query-purpose': 'ADMINISTRATIVE_APPROVAL' };
    const body = JSON.stringify({ query: BATCH_QUERY, variables: { usccs } });
    for (let round = 0; round < 3; round++) {
      const latencies: number[] = [];
      let done = false;
      const t0 = performance.now();
      const batch = fetch(`${fleet.gatewayUrl}/graphql`, { method: 'POST', headers, body }).then(async (r) => ({ status: r.status, bytes: (await r.text()).length })).finally(() => { done = true; });
      while (!done) {
        const s = performance.now();
        await fetch(`${fleet.gatewayUrl}/health`).then((r) => r.text());
        latencies.push(performance.now() - s);
        await new Promise((r) => setTimeout(r, 10));
      }
      const { status, bytes } = await batch;
      latencies.sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
      console.log(`batch ${MAX_SUBJECTS_PER_QUERY}: ${status} ${(bytes / 1e6).toFixed(1)} MB in ${(performance.now() - t0).toFixed(0)} ms; /health ×${latencies.length}: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`);
    }
  } finally {
    await fleet.kill('gateway', 'SIGTERM'); // a clean exit writes the gateway's profile when PROFILE_DIR is set
    await fleet.stopAll();
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
