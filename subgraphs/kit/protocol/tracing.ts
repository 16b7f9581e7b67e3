import type { Context, Span, Tracer } from '@opentelemetry/api';
import type { Route } from './http';

// OpenTelemetry traces (issue 14 item 4), off unless an OTLP endpoint is configured: the standard
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is) or OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces).
// Without one, none of the SDK is loaded (the requires below run only once tracing is on), no
// traceparent is sent, and nothing leaves the process. With one, each service (the gateway, each
// subgraph) has its own tracer provider, so a trace viewer shows them apart even under `npm start`,
// where all seven share a process; spans leave in batches (OTEL_BSP_*), sampled per OTEL_TRACES_SAMPLER.
//
// Span attributes carry operation names, subgraph names, methods and status codes — never a query
// text, variables, a USCC or an id number (the auditor's rule; test/e2e/tracing.test.ts checks it).

type Api = typeof import('@opentelemetry/api');
type TracerProvider = import('@opentelemetry/sdk-trace-base').BasicTracerProvider;

export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

const providers = new Map<string, TracerProvider>();

// The operation name is the client's to choose, so it can carry a USCC or an id number: a name with a run
// of six digits or more is exported as [redacted]. Runs before the batch processor, which exports later.
// @apollo/gateway sets it under both keys.
const OPERATION_NAMES = ['graphql.operation.name', 'operationName'];
const LOOKS_LIKE_AN_IDENTIFIER = /\d{6,}/;
const redactOperationNames: import('@opentelemetry/sdk-trace-base').SpanProcessor = {
  onStart: () => undefined,
  onEnd: (span) => {
    for (const key of OPERATION_NAMES) {
      const name = span.attributes[key];
      if (typeof name === 'string' && LOOKS_LIKE_AN_IDENTIFIER.test(name)) (span.attributes as Record<string, unknown>)[key] = '[redacted]';
    }
  },
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};
let api: Api | undefined;

/** The OpenTelemetry API, with the W3C trace-context propagator and an async-local context registered once. */
function otel(): Api {
  if (api) return api;
  api = require('@opentelemetry/api') as Api;
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return api;
}

/**
 * The tracer of one service, exporting over OTLP/HTTP; `global` also makes it the process's provider
 * (the gateway: @apollo/gateway's own spans — gateway.request, .plan, .fetch — go through it).
 */
export function startTracing(serviceName: string, { global = false } = {}): Tracer {
  const otelApi = otel();
  let provider = providers.get(serviceName);
  if (!provider) {
    const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    const { Resource } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
    provider = new BasicTracerProvider({ resource: Resource.default().merge(new Resource({ 'service.name': serviceName })) });
    provider.addSpanProcessor(redactOperationNames);
    provider.addSpanProcessor(new BatchSpanProcessor(new OTLPTraceExporter()));
    providers.set(serviceName, provider);
    if (global) otelApi.trace.setGlobalTracerProvider(provider);
  }
  return provider.getTracer(serviceName);
}

/** Sends what is still buffered and stops the service's provider (on shutdown). */
export async function stopTracing(serviceName: string): Promise<void> {
  const provider = providers.get(serviceName);
  providers.delete(serviceName);
  await provider?.shutdown();
}

/** Writes the active span's W3C `traceparent` into outgoing headers (a no-op outside a sampled span). */
export function injectTraceContext(headers: { set(name: string, value: string): void }): void {
  const otelApi = otel();
  otelApi.propagation.inject(otelApi.context.active(), headers, { set: (carrier, name, value) => carrier.set(name, value) });
}

/**
 * One SERVER span per request to `handler`, child of the caller's `traceparent` (the gateway's fetch
 * span), never of whatever else is active in this process (under `npm start` the gateway shares it).
 */
export function tracedRoute(tracer: Tracer, spanName: string, handler: Route): Route {
  const otelApi = otel();
  return (req, res) => {
    const parent: Context = otelApi.propagation.extract(otelApi.ROOT_CONTEXT, req.headers);
    const span: Span = tracer.startSpan(spanName, { kind: otelApi.SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '' } }, parent);
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: otelApi.SpanStatusCode.ERROR });
      span.end();
    });
    return otelApi.context.with(otelApi.trace.setSpan(parent, span), () => handler(req, res));
  };
}
