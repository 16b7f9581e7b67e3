import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { createAuthenticator } from '../../gateway/authentication';
import { loadRegistry } from '../../gateway/clients';
import type { GatewayContext } from '../../gateway/context';
import { PURPOSE_HEADER, withPurpose } from '../../gateway/purpose';
import { SigningDataSource } from '../../gateway/subgraph-fetch';
import { loadSupergraph } from '../../gateway/supergraph';
import { graphqlRoute, listen } from '../../subgraphs/kit/protocol/http';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';

// The baseline for scenario 1: a plain @apollo/gateway + @apollo/server on the same planning supergraph,
// without our authorization filter, query limits, metrics or scalar checks. It still verifies the token
// and signs the caller's identity (SigningDataSource) because the subgraphs refuse unsigned requests;
// the subgraphs then do exactly the same work for both gateways.

export interface BaselineGateway {
  url: string;
  stop(): Promise<void>;
}

export async function startBaselineGateway(keys: KeyFiles, urlOf: (name: SubgraphName) => string): Promise<BaselineGateway> {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const registry = loadRegistry();
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraph().planningSdl,
    buildService: ({ name }) => new SigningDataSource({ name, url: urlOf(name as SubgraphName) }, keys.identityPrivate!),
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
    includeStacktraceInErrorResponses: false,
  });
  await server.start();
  const authenticate = createAuthenticator({ registry, jwks: keys.demoJwks });
  const route = graphqlRoute(server, async ({ req }) => {
    const caller = await authenticate(req.headers.authorization, randomUUID());
    const purpose = req.headers[PURPOSE_HEADER];
    return { caller: withPurpose(caller, typeof purpose === 'string' ? purpose : undefined, registry) };
  });
  const listening = await listen({ '/graphql': route }, 0, '127.0.0.1');
  return {
    url: `${listening.url}/graphql`,
    stop: async () => {
      await listening.close();
      await server.stop();
    },
  };
}
