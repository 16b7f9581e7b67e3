import { importJWK, SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, DEMO_ISSUER } from '../../gateway/plugins/authentication';
import { startGateway, type RunningGateway } from '../../gateway/index';
import type { KeyFiles } from '../../subgraphs/kit/protocol/keys';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit/server/subgraph';
import type { SubgraphName } from '../../subgraphs/kit/protocol/topology';
import { ALL_SUBGRAPHS } from '../../subgraphs/modules';
import { freshDatabase } from './mysql';
import { testKeys, type GraphQLResponse } from './subgraph-client';

// The whole product for end-to-end tests: five subgraphs on fresh MariaDB databases and the gateway,
// all over real HTTP on ephemeral ports, with real signed tokens.
export interface Stack {
  keys: KeyFiles;
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  token(clientId: string, claims?: { ttl?: string; audience?: string; issuer?: string }): Promise<string>;
  query<T = any>(query: string, options?: { variables?: Record<string, unknown>; clientId?: string; token?: string; purpose?: string; headers?: Record<string, string> }): Promise<GraphQLResponse<T> & { headers: Headers }>;
  stop(): Promise<void>;
}

/** A client token signed by the test issuer, as a client system would send it. */
export async function clientToken(keys: KeyFiles, clientId: string, claims: { ttl?: string; audience?: string; issuer?: string } = {}): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: keys.demoIssuerPrivate.kid })
    .setIssuer(claims.issuer ?? DEMO_ISSUER)
    .setAudience(claims.audience ?? DEFAULT_AUDIENCE)
    .setSubject(clientId)
    .setIssuedAt()
    .setExpirationTime(claims.ttl ?? '10m')
    .sign(await importJWK(keys.demoIssuerPrivate, 'ES256'));
}

export async function startStack(name: string): Promise<Stack> {
  const keys = await testKeys();
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  const urlOf = (sub: SubgraphName) => `${subgraphs[sub].url}/graphql`;
  for (const mod of ALL_SUBGRAPHS) {
    subgraphs[mod.name as SubgraphName] = await startSubgraph(mod, { port: 0, keys, mysqlUrl: await freshDatabase(`${name}_${mod.name}`), urlOf });
  }
  const gateway = await startGateway({ port: 0, keys, urlOf });
  const token: Stack['token'] = (clientId, claims) => clientToken(keys, clientId, claims);
  return {
    keys,
    gateway,
    subgraphs,
    token,
    async query(query, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      const bearer = options.token ?? (options.clientId ? await token(options.clientId) : undefined);
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      if (options.purpose) headers['x-query-purpose'] = options.purpose;
      const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables: options.variables }) });
      return { status: res.status, headers: res.headers, ...((await res.json()) as object) };
    },
    async stop() {
      await gateway.stop();
      for (const s of Object.values(subgraphs)) await s.stop();
    },
  };
}
