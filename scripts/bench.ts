import { NODE_ENV } from './bench/production-mode';
import { cpus } from 'node:os';
import { importJWK, SignJWT } from 'jose';
import { createConnection } from 'mysql2/promise';
import { DEFAULT_AUDIENCE, DEMO_ISSUER } from '../gateway/plugins/authentication';
import { MAX_SUBJECTS_PER_QUERY } from '../subgraphs/kit/protocol/limits';
import { envPrefix, SUBGRAPHS } from '../subgraphs/kit/protocol/topology';
import { ensureDataSet, SIZES, type DataSet } from './bench/data-set';
import type { Round, RoundResult } from './bench/load-process';
import { ask, freePort, startProcess, type BenchProcess } from './bench/processes';
import { largeBatch, PURPOSE, scenarios, type Scenario } from './bench/queries';
import { firstDifference, fmt, median, table } from './bench/report';
import { signingCost } from './bench/signing';
import { topFunctions } from './bench/profile';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// npm run bench [-- --full]: the referee of issue 14. Every server and the load generator run in
// their own processes: six subgraphs on a generated MariaDB set, our gateway and the baselines —
// Hive Gateway (defaults) and Hive Gateway with the Rust planner — over the same subgraphs and
// supergraph. First every gateway must return the same JSON for the same request; then alternating
// rounds (each round visits every gateway, in a rotating order) so the shared machine's drift hits
// all alike. Ratios come from the same round; absolute figures are printed beside them.
//   --full                 the 100,000-company / 1,000,000-person / 2,000,000-record set (seeded once, ~4 min)
//   BENCH_ROUNDS=4 BENCH_SECONDS=5   rounds per scenario and seconds per gateway per round
//   BENCH_ONLY=signing,import,Q1,Q2,Q3,batch  scenarios to run (import: npm run bench:import with a
//                          kill -9 halfway, before the gateways start; BENCH_IMPORT_RECORDS, default 2,000,000)
//   BENCH_GATEWAYS="ours hive hive-rust"  gateways; `label=ours:ENV=value;ENV=value` adds a variant of
//                          ours with its own environment (how a lever is weighed in one run)
//   BENCH_PROFILE=<label>  that gateway (or subgraph, by name) runs with --cpu-prof; its top functions by self time are printed at the end
//   BENCH_DATABASE_PREFIX  databases <prefix><subgraph> (default bench_); DATABASE_URL the server
const HARD_LIMIT_MS = 25 * 60_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = 3;
const BATCH_REPEATS = 2;
const HIVE = ['hive', 'hive-rust'];
const PROFILE_DIR = mkdtempSync(join(tmpdir(), 'bench-profile-'));

interface GatewaySpec {
  label: string;
  kind: string;
  env: Record<string, string>;
}

function gatewaySpecs(): GatewaySpec[] {
  return (process.env.BENCH_GATEWAYS ?? 'ours hive hive-rust').split(/\s+/).filter(Boolean).map((item) => {
    const [label, rest] = item.split('=', 2) as [string, string | undefined];
    const [kind, envList] = (rest ?? label).split(/:(.*)/s, 2);
    const env = Object.fromEntries((envList ?? '').split(';').filter(Boolean).map((kv) => kv.split('=', 2) as [string, string]));
    if (!['ours', ...HIVE].includes(kind)) throw new Error(`BENCH_GATEWAYS: "${item}" is not ours, hive or hive-rust`);
    return { label, kind, env };
  });
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  gatewayCpuMs: number;
  subgraphCpuMs: number;
  rssMb: number;
  failures: number;
}

interface Bench {
  data: DataSet;
  subgraphs: BenchProcess[];
  gateways: { spec: GatewaySpec; process: BenchProcess; url: string }[];
  load: BenchProcess;
  headers: Record<string, string>;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function start(data: DataSet, specs: GatewaySpec[]): Promise<Bench> {
  const env: Record<string, string> = { NODE_ENV, LOG_LEVEL: 'error', ACCESS_LOG_DATABASE_URL: data.urlOf('access-log') };
  const ports: Record<string, number> = {};
  for (const { name } of SUBGRAPHS) {
    ports[name] = await freePort();
    env[`${envPrefix(name)}_PORT`] = String(ports[name]);
    env[`${envPrefix(name)}_URL`] = `http://127.0.0.1:${ports[name]}/graphql`;
    env[`${envPrefix(name)}_DATABASE_URL`] = data.urlOf(name);
  }
  const profiled = (label: string) => (label === process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []);
  const subgraphs = await Promise.all(SUBGRAPHS.map(({ name }) => startProcess(name, 'subgraph-process.ts', { ...env, BENCH_SUBGRAPH: name }, ports[name], profiled(name))));
  const gateways = [];
  for (const spec of specs) {
    const port = await freePort();
    const child = await startProcess(spec.label, 'gateway-process.ts', { ...env, ...spec.env, BENCH_GATEWAY: spec.kind, PORT: String(port) }, port, profiled(spec.label));
    gateways.push({ spec, process: child, url: `http://127.0.0.1:${port}/graphql` });
  }
  const load = await startProcess('load', 'load-process.ts', {}, 0);
  const issuer = await importJWK(data.keys.demoIssuerPrivate, 'ES256');
  const token = await new SignJWT({ operator: 'bench' }).setProtectedHeader({ alg: 'ES256', kid: data.keys.demoIssuerPrivate.kid }).setIssuer(DEMO_ISSUER).setAudience(DEFAULT_AUDIENCE).setSubject('demo-department').setIssuedAt().setExpirationTime('2h').sign(issuer);
  return { data, subgraphs, gateways, load, headers: { authorization: `Bearer ${token}`, 'x-query-purpose': PURPOSE } };
}

/** Every gateway answers the first bodies of the scenario with the same JSON as the first gateway. */
async function equivalence(bench: Bench, bodies: string[]): Promise<string> {
  const problems: string[] = [];
  for (const body of bodies) {
    const answers = await Promise.all(bench.gateways.map((g) => post(g.url, body, bench.headers)));
    const errors = (answers[0] as { errors?: unknown[] }).errors;
    if (errors?.length) problems.push(`${bench.gateways[0].spec.label} answers with errors: ${JSON.stringify(errors).slice(0, 200)}`);
    answers.slice(1).forEach((a, i) => {
      const d = firstDifference(answers[0], a);
      if (d) problems.push(`${bench.gateways[i + 1].spec.label} differs at ${d}`);
    });
  }
  return problems.length ? `NO — ${problems.slice(0, 3).join('; ')}` : `yes (${bodies.length} requests × ${bench.gateways.length} gateways, whole JSON compared)`;
}

async function round(bench: Bench, gateway: Bench['gateways'][number], scenario: Scenario, seconds: number): Promise<Figures> {
  const subgraphCpu = () => bench.subgraphs.reduce((sum, s) => sum + s.cpuMs(), 0);
  const cpu0 = gateway.process.cpuMs();
  const sub0 = subgraphCpu();
  let rss = gateway.process.rssMb();
  const sampler = setInterval(() => (rss = Math.max(rss, gateway.process.rssMb())), 250);
  const message: Round = { url: gateway.url, headers: bench.headers, bodies: scenario.bodies, connections: scenario.connections, seconds };
  const reply = await ask<{ result?: RoundResult; error?: string }>(bench.load.child, message);
  clearInterval(sampler);
  if (!reply.result) throw new Error(`load generator: ${reply.error}`);
  const r = reply.result;
  const n = r.requests || NaN; // no request finished: no per-request figure
  return { rps: r.rps, p50: r.p50, p99: r.p99, gatewayCpuMs: (gateway.process.cpuMs() - cpu0) / n, subgraphCpuMs: (subgraphCpu() - sub0) / n, rssMb: rss, failures: r.failures };
}

/** Ratios of `a` to `b`, one per round (the two measured moments apart inside the same round). */
const perRound = (a: Figures[], b: Figures[], key: keyof Figures) => a.map((f, i) => f[key] / b[i][key]);
const spread = (values: number[]) => `${fmt.ratio(median(values))} (rounds ${fmt.ratio(Math.min(...values))}–${fmt.ratio(Math.max(...values))})`;

async function runScenario(bench: Bench, scenario: Scenario): Promise<{ lines: string[]; figures: Map<string, Figures[]> }> {
  const lines = [`${scenario.title} — ${scenario.connections} connections, ${scenario.bodies.length} request bodies in rotation`];
  lines.push(`   same JSON from every gateway: ${await equivalence(bench, scenario.bodies.slice(0, 3))}`);
  const seconds = SECONDS * scenario.length;
  for (const g of bench.gateways) await round(bench, g, scenario, WARMUP_SECONDS * scenario.length);
  const figures = new Map(bench.gateways.map((g) => [g.spec.label, [] as Figures[]]));
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order, so no gateway always runs first (or right after the heaviest).
    const order = bench.gateways.map((_, i) => bench.gateways[(i + r) % bench.gateways.length]);
    for (const g of order) figures.get(g.spec.label)!.push(await round(bench, g, scenario, seconds));
  }
  const rows = [['gateway', 'req/s', 'p50', 'p99', 'p99/p50', 'gateway CPU/req', 'subgraphs CPU/req', 'gateway RSS', 'failures']];
  for (const [label, fs] of figures) {
    const m = (k: keyof Figures) => median(fs.map((f) => f[k]));
    rows.push([label, fmt.n(m('rps')), fmt.ms(m('p50')), fmt.ms(m('p99')), fmt.ratio(m('p99') / m('p50')), fmt.ms(m('gatewayCpuMs')), fmt.ms(m('subgraphCpuMs')), fmt.mb(Math.max(...fs.map((f) => f.rssMb))), String(fs.reduce((s, f) => s + f.failures, 0))]);
  }
  lines.push(`   medians of ${ROUNDS} rounds of ${seconds} s per gateway (after ${WARMUP_SECONDS * scenario.length} s warm-up); RSS is the highest sample`, table(rows));
  for (const g of bench.gateways.filter((x) => !HIVE.includes(x.spec.kind))) {
    for (const base of bench.gateways.filter((x) => HIVE.includes(x.spec.kind))) {
      const a = figures.get(g.spec.label)!;
      const b = figures.get(base.spec.label)!;
      lines.push(`   RATIO ${g.spec.label}/${base.spec.label}: throughput ${spread(perRound(a, b, 'rps'))}, gateway CPU/request ${spread(perRound(a, b, 'gatewayCpuMs'))}`);
    }
  }
  // A lever: each variant of ours against the first ours, in the same rounds.
  const ours = bench.gateways.filter((x) => !HIVE.includes(x.spec.kind));
  for (const variant of ours.slice(1)) {
    const a = figures.get(variant.spec.label)!;
    const b = figures.get(ours[0].spec.label)!;
    lines.push(`   RATIO ${variant.spec.label}/${ours[0].spec.label}: throughput ${spread(perRound(a, b, 'rps'))}, gateway CPU/request ${spread(perRound(a, b, 'gatewayCpuMs'))}`);
  }
  return { lines, figures };
}

/** The large batch through each gateway, against its SQL floor: the same statements the subgraphs ran, replayed directly. */
async function batchAgainstFloor(bench: Bench): Promise<string[]> {
  const body = largeBatch(bench.data.usccs, MAX_SUBJECTS_PER_QUERY);
  const walls: Record<string, number> = {};
  let statements: Record<string, [string, unknown[] | undefined][]> = {};
  for (const g of bench.gateways) {
    await post(g.url, body, bench.headers); // warm-up
    const times: number[] = [];
    for (let i = 0; i < BATCH_REPEATS; i++) {
      const record = g === bench.gateways[0] && i === 0;
      if (record) bench.subgraphs.forEach((s) => s.child.send('sql:start'));
      const t0 = performance.now();
      const answer = (await post(g.url, body, bench.headers)) as { errors?: unknown[] };
      times.push(performance.now() - t0);
      if (answer.errors?.length) throw new Error(`${g.spec.label}: batch answered with errors ${JSON.stringify(answer.errors).slice(0, 300)}`);
      if (record) {
        const replies = await Promise.all(bench.subgraphs.map((s) => ask<{ statements: [string, unknown[] | undefined][] }>(s.child, 'sql:stop')));
        statements = Object.fromEntries(bench.subgraphs.map((s, k) => [s.name, replies[k].statements.filter(([q]) => /^\s*SELECT/i.test(q))]));
      }
    }
    walls[g.spec.label] = median(times);
  }
  const connections = await Promise.all(Object.keys(statements).map((name) => createConnection(bench.data.urlOf(name))));
  const replay = async () => {
    const t0 = performance.now();
    // One subgraph after another, each statement after the previous: the gateway's plan is sequential too.
    for (const [k, list] of Object.values(statements).entries()) for (const [sql, params] of list) await connections[k].query(sql, params);
    return performance.now() - t0;
  };
  await replay();
  const floor = median([await replay(), await replay(), await replay()]);
  await Promise.all(connections.map((c) => c.end()));
  const counts = Object.entries(statements).map(([name, list]) => `${name} ${list.length}`).join(', ');
  return [
    `Batch check of ${fmt.n(MAX_SUBJECTS_PER_QUERY)} subjects, one request at a time, median of ${BATCH_REPEATS} after a warm-up`,
    table([['gateway', 'wall', 'vs SQL floor'], ...bench.gateways.map((g) => [g.spec.label, fmt.ms(walls[g.spec.label]), fmt.ratio(walls[g.spec.label] / floor)]), ['SQL floor', fmt.ms(floor), '1.00×']]),
    `   SQL floor: the SELECTs the subgraphs ran for ${bench.gateways[0].spec.label}'s answer (${counts}), replayed over one connection per database, one after another`,
  ];
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${HARD_LIMIT_MS / 60_000} minutes; stopping`);
    process.exit(2);
  }, HARD_LIMIT_MS);
  watchdog.unref();
  const started = performance.now();
  const only = new Set((process.env.BENCH_ONLY ?? 'signing,import,Q1,Q2,Q3,batch').split(',').map((s) => s.trim()));
  const server = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306');
  server.pathname = '/';
  const prefix = process.env.BENCH_DATABASE_PREFIX ?? 'bench_';
  let failed = false;
  const data = await ensureDataSet(server.toString(), prefix, process.argv.includes('--full') ? SIZES.full : SIZES.default);
  console.log(`credit-federation bench — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPUs, NODE_ENV=${NODE_ENV}`);
  console.log(`Data: ${data.note}. Every server and the load generator (autocannon) is its own process; the machine may be shared: compare the RATIOS of one run.\n`);
  if (only.has('signing')) console.log(`${await signingCost()}\n`);
  let importRatio: string | null = null;
  if (only.has('import')) {
    importRatio = await importAgainstLoadData(server.toString());
    if (!importRatio) failed = true;
  }
  const bench = await start(data, gatewaySpecs());
  const summary: string[][] = importRatio ? [['import', importRatio]] : [];
  try {
    for (const scenario of scenarios(data.usccs).filter((s) => only.has(s.id))) {
      const t0 = performance.now();
      try {
        const { lines } = await runScenario(bench, scenario);
        console.log(lines.join('\n'));
        summary.push(...lines.filter((l) => l.includes('RATIO')).map((l) => [scenario.id, l.trim()]));
      } catch (e) {
        failed = true;
        console.log(`${scenario.id} FAILED: ${(e as Error).stack ?? e}`);
      }
      console.log(`   (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
    }
    if (only.has('batch')) {
      try {
        console.log((await batchAgainstFloor(bench)).join('\n') + '\n');
      } catch (e) {
        failed = true;
        console.log(`batch FAILED: ${(e as Error).stack ?? e}\n`);
      }
    }
  } finally {
    await Promise.all([...bench.gateways.map((g) => g.process.stop()), bench.load.stop()]);
    await Promise.all(bench.subgraphs.map((s) => s.stop()));
  }
  if (process.env.BENCH_PROFILE) console.log(`Profile of ${process.env.BENCH_PROFILE} (self time, whole run; ${PROFILE_DIR}):\n${topFunctions(PROFILE_DIR).map((l) => `  ${l}`).join('\n')}\n`);
  if (summary.length) console.log(`Summary\n${summary.map(([id, l]) => `  ${id} ${l}`).join('\n')}`);
  console.log(`bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s${failed ? '; some scenarios FAILED' : ''}`);
  process.exit(failed ? 1 : 0);
}

/** The bulk import against LOAD DATA into a bare table, in its own process (scripts/bench/import.ts); its RATIO line. */
async function importAgainstLoadData(server: string): Promise<string | null> {
  const records = process.env.BENCH_IMPORT_RECORDS ?? '2000000';
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'bench', 'import.ts'), '--records', records, '--server', server.replace(/\/$/, ''), '--kill-halfway'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) {
    console.log(`import FAILED (exit ${code})\n`);
    return null;
  }
  const r = JSON.parse(out);
  const line = `RATIO import/LOAD DATA ${r.ratioImportToLoadData}× (import ${r.importThisRun.recordsPerSecond.toLocaleString('en')} records/s resumed after kill -9, LOAD DATA bare ${r.loadData.rowsPerSecond.toLocaleString('en')} rows/s; ${r.rowsAfterImport.toLocaleString('en')} rows, exactly the good lines: ${r.exactlyGood})`;
  console.log(`Bulk import of ${Number(records).toLocaleString('en')} records\n  ${line}\n   (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  return line;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
