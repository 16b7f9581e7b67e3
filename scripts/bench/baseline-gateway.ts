import { startGateway, type RunningGateway } from '../../gateway/index';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';

// The baseline for scenario 1: the same runtime with only what the subgraphs demand — the token is
// verified, the purpose read and the caller's identity signed (the subgraphs refuse unsigned requests,
// so they do exactly the same work for both gateways) — and none of the authorization filter, query
// limits, rate limits, scalar checks or metrics.
const BASELINE_LEAVES_OUT = ['rate-limit', 'query-limits', 'scalar-checks', 'field-authorization', 'metrics', 'health', 'graphiql', 'report-page'];

export interface BaselineGateway {
  url: string;
  stop(): Promise<void>;
}

export async function startBaselineGateway(keys: KeyFiles, urlOf: (name: SubgraphName) => string): Promise<BaselineGateway> {
  const gateway: RunningGateway = await startGateway({ port: 0, host: '127.0.0.1', keys, urlOf, without: BASELINE_LEAVES_OUT });
  return { url: `${gateway.url}/graphql`, stop: () => gateway.stop() };
}
