import { injectTraceContext, startTracing, stopTracing } from '../../subgraphs/kit/protocol/tracing';
import type { GatewayPlugin } from '../runtime';

// OpenTelemetry traces through the gateway (on only when an OTLP endpoint is configured: index.ts
// adds this plugin then). @apollo/gateway makes the spans — gateway.request per operation, gateway.plan,
// gateway.fetch per subgraph fetch — once a tracer provider is registered; this plugin registers it and
// sends each fetch's W3C traceparent, so the subgraph's own span joins the trace under that fetch.
// A client's traceparent is not followed: the gateway is the public edge, and a caller could otherwise
// switch sampling on or off for its own requests; every trace starts here.
export const GATEWAY_SERVICE_NAME = 'credit-gateway';

export function useTracing(): GatewayPlugin {
  startTracing(GATEWAY_SERVICE_NAME, { global: true });
  return {
    name: 'tracing',
    onSubgraphRequest({ request }) {
      if (request.http) injectTraceContext(request.http.headers);
    },
    stop: () => stopTracing(GATEWAY_SERVICE_NAME),
  };
}
