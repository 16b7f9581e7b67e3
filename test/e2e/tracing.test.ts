import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { propagation, trace } from '@opentelemetry/api';
import { DEMO_SUBJECT } from '../../subgraphs/kit/demo/demo-data';
import { startGateway, type RunningGateway } from '../../gateway/index';
import { IDENTITY_HEADER } from '../../subgraphs/kit/protocol/identity';
import { tracingConfigured } from '../../subgraphs/kit/protocol/tracing';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import { ALL_SUBGRAPHS } from '../../subgraphs/modules';
import { freshDatabase } from '../support/mysql';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { startFleet, type ProcessFleet } from '../support/processes';
import { SUBJECT_QUERY } from '../support/queries';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { clientToken } from '../support/stack';
import { testKeys } from '../support/subgraph-client';

// OpenTelemetry traces (issue 14 item 4), end to end over real HTTP: the gateway and each subgraph in
// its own process from the compiled build (as the Docker image runs them), exporting over OTLP/HTTP to
// a receiver in this test. Then the default: with no endpoint configured, nothing records, nothing propagates.
const ROOT = join(__dirname, '..', '..');
const SERVER = 2; // OTLP SpanKind SPAN_KIND_SERVER
const FETCHED = ['legal-persons', 'lists', 'measures', 'natural-persons', 'objections'];

async function until<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function askSubject(gatewayUrl: string, token: string, query = SUBJECT_QUERY) {
  const res = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'ADMINISTRATIVE_APPROVAL' },
    body: JSON.stringify({ query, variables: { uscc: DEMO_SUBJECT.uscc } }),
  });
  return (await res.json()) as { data?: { legalPerson: { uscc: string; legalRepresentative: { idNumber: string } } }; errors?: unknown[] };
}

describe('with an OTLP endpoint configured', () => {
  let receiver: OtlpReceiver;
  let fleet: ProcessFleet;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const compiled = join(ROOT, 'test-artifacts', 'dist-tracing');
    execFileSync(process.execPath, ['scripts/build.js', '--quiet', '--outdir', compiled], { cwd: ROOT, stdio: 'inherit' });
    // The base endpoint: the exporter adds /v1/traces itself. A short batch delay keeps the test quick.
    fleet = await startFleet('e2e_tracing', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' }, [], { compiled });
  }, 180_000);
  afterAll(async () => {
    await fleet?.stopAll();
    await receiver?.close();
  });

  test('one query is one trace: the operation, its plan, each subgraph fetch, and under each fetch the subgraph’s own span', async () => {
    const answer = await askSubject(fleet.gatewayUrl, await fleet.token('demo-department'));
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.legalPerson.uscc).toBe(DEMO_SUBJECT.uscc);

    const operation = await until('the operation span', () => receiver.spans.find((s) => s.name === 'gateway.request' && s.attributes['graphql.operation.name'] === 'Subject'));
    const inTrace = () => receiver.spans.filter((s) => s.traceId === operation.traceId);
    const childrenOf = (parent: ReceivedSpan, spans = inTrace()) => spans.filter((s) => s.parentSpanId === parent.spanId);
    // Every fetch's subgraph span arrives (each process exports on its own schedule).
    const spans = await until('a subgraph span under every fetch', () => {
      const all = inTrace();
      const fetches = all.filter((s) => s.name === 'gateway.fetch');
      return fetches.length >= FETCHED.length && fetches.every((f) => childrenOf(f, all).length > 0) ? all : undefined;
    });

    // The operation is the root: this trace started at the gateway.
    expect(operation.service).toBe('credit-gateway');
    expect(operation.parentSpanId).toBeUndefined();
    const [plan, ...otherPlans] = spans.filter((s) => s.name === 'gateway.plan');
    expect(otherPlans).toEqual([]);
    expect(plan.parentSpanId).toBe(operation.spanId);
    const execute = spans.find((s) => s.name === 'gateway.execute')!;
    expect(execute.parentSpanId).toBe(operation.spanId);

    const fetches = spans.filter((s) => s.name === 'gateway.fetch');
    expect([...new Set(fetches.map((f) => f.attributes.service))].sort()).toEqual(FETCHED);
    for (const fetch of fetches) {
      expect(fetch.parentSpanId).toBe(execute.spanId);
      // Exactly one server span per fetch, in the subgraph's own service, child of that fetch.
      const served = childrenOf(fetch, spans);
      expect(served).toHaveLength(1);
      expect(served[0]).toMatchObject({
        service: `credit-${fetch.attributes.service}`,
        name: `${fetch.attributes.service} POST /graphql`,
        kind: SERVER,
        attributes: { 'http.request.method': 'POST', 'http.response.status_code': 200 },
      });
    }
    // Nothing else in the trace: every span is the operation, a gateway step, or a fetch's subgraph span.
    const subgraphSpans = spans.filter((s) => s.service !== 'credit-gateway');
    expect(subgraphSpans).toHaveLength(fetches.length);
  });

  test('no span carries personal data: no USCC, id number, query text or variables anywhere in what was exported', async () => {
    // The operation name is the client's: one that carries a USCC is not exported as it is.
    const named = await askSubject(fleet.gatewayUrl, await fleet.token('demo-department'), SUBJECT_QUERY.replace('query Subject', `query Check_${DEMO_SUBJECT.uscc}`));
    expect(named.data?.legalPerson.uscc).toBe(DEMO_SUBJECT.uscc);
    // Its operation span ends last: wait for both requests' operation spans (the first test's and this one).
    await until('the named operation exported', () => receiver.bodies.join('\n').split('"gateway.request"').length > 2 || undefined);
    const exported = receiver.bodies.join('\n');
    expect(exported).toContain('gateway.fetch');
    for (const secret of [DEMO_SUBJECT.uscc, DEMO_SUBJECT.legalRepresentativeIdNumber, 'legalRepresentative', 'variables', IDENTITY_HEADER, 'Bearer']) {
      expect(exported).not.toContain(secret);
    }
  });
});

describe('with no endpoint configured (the default)', () => {
  const subgraphs: RunningSubgraph[] = [];
  const proxies: Record<string, RecordingProxy> = {};
  let gateway: RunningGateway;
  let token: string;
  beforeAll(async () => {
    const keys = await testKeys();
    const urlOf = (name: string) => `${proxies[name].url}/graphql`;
    for (const mod of ALL_SUBGRAPHS) {
      const mysqlUrl = await freshDatabase(`e2e_tracing_off_${mod.name}`);
      if (mod.name === 'access-log') process.env.ACCESS_LOG_DATABASE_URL = mysqlUrl;
      const running = await startSubgraph(mod, { port: 0, keys, mysqlUrl, urlOf });
      subgraphs.push(running);
      // A real HTTP hop in front of each subgraph, keeping the headers the gateway sent.
      proxies[mod.name] = await startRecordingProxy(() => `${running.url}/graphql`);
    }
    gateway = await startGateway({ port: 0, keys, urlOf });
    token = await clientToken(keys, 'demo-department');
  }, 180_000);
  afterAll(async () => {
    await gateway?.stop();
    for (const p of Object.values(proxies)) await p.close();
    for (const s of subgraphs) await s.stop();
  });

  test('nothing records and no traceparent goes to the subgraphs', async () => {
    expect(tracingConfigured()).toBe(false);
    const answer = await askSubject(gateway.url, token);
    expect(answer.errors).toBeUndefined();
    const captured = Object.values(proxies).flatMap((p) => p.captured);
    expect(captured.length).toBeGreaterThanOrEqual(FETCHED.length);
    for (const request of captured) expect(request.headers).not.toHaveProperty('traceparent');
    // No tracer provider or propagator was registered in this process: @apollo/gateway's spans are no-ops.
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
    expect(propagation.fields()).toEqual([]);
  });
});
