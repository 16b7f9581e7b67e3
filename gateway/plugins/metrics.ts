import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Route } from '../../subgraphs/kit/protocol/http';
import type { GatewayContext } from '../context';
import type { GatewayPlugin, SubgraphResult } from '../runtime';

// Prometheus metrics at GET /metrics: operations by client kind and outcome, and their latency; each
// subgraph fetch's latency and the fetches that failed, by subgraph (where the time goes in production).
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'credit_gateway_operations_total',
    help: 'GraphQL operations by client kind, operation type and outcome',
    labelNames: ['client_kind', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'credit_gateway_operation_seconds',
    help: 'GraphQL operation latency',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const fetchDuration = new Histogram({
    name: 'credit_gateway_subgraph_fetch_seconds',
    help: 'Subgraph fetch latency (request sent to answer parsed), by subgraph',
    labelNames: ['subgraph'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const fetchErrors = new Counter({
    name: 'credit_gateway_subgraph_fetch_errors_total',
    help: 'Subgraph fetches that failed, by subgraph and kind: graphql_errors in the answer, http_error status, unreachable',
    labelNames: ['subgraph', 'kind'] as const,
    registers: [registry],
  });
  const onSubgraphResult = ({ serviceName, seconds, outcome }: SubgraphResult) => {
    fetchDuration.observe({ subgraph: serviceName }, seconds);
    if (outcome !== 'ok') fetchErrors.inc({ subgraph: serviceName, kind: outcome });
  };
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      const end = duration.startTimer();
      return {
        async willSendResponse({ contextValue, operation, errors, response }) {
          const kind = operation?.operation ?? 'unknown';
          end({ operation: kind });
          const failed = (errors?.length ?? 0) > 0 || (response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0);
          operations.inc({ client_kind: contextValue?.caller?.kind ?? 'unknown', operation: kind, outcome: failed ? 'error' : 'ok' });
        },
      };
    },
  };
  const route: Route = async (_req, res) => {
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(await registry.metrics());
  };
  return { registry, plugin, route, onSubgraphResult };
}

export function useMetrics(): GatewayPlugin {
  const metrics = createMetrics();
  return { name: 'metrics', apollo: metrics.plugin, routes: { '/metrics': metrics.route }, onSubgraphResult: metrics.onSubgraphResult };
}
