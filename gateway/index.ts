import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { isScalarType } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { graphqlRoute, listen, sendJson, type Listening, type Route } from '../subgraphs/kit/protocol/http';
import type { KeyFiles } from '../subgraphs/kit/protocol/keys';
import { log } from '../subgraphs/kit/protocol/log';
import { ResidentIdNumber, USCC } from '../subgraphs/kit/protocol/scalars';
import { SUBGRAPHS, subgraphUrl, type SubgraphName } from '../subgraphs/kit/protocol/topology';
import { createAuthenticator, type JwksSource } from './authentication';
import { authorizingGateway, type AuthorizationMode } from './authorization/authorizing-gateway';
import { readRequirements } from '../subgraphs/kit/protocol/directives';
import { loadRegistry, type ClientRegistry } from './clients';
import type { GatewayContext } from './context';
import { formatGatewayError } from './errors';
import { graphiqlPage, graphiqlRoutes } from './graphiql';
import { queryLimits } from './limits';
import { RateLimiter, rateLimited } from './rate-limit';
import { createMetrics } from './metrics';
import { PURPOSE_HEADER, withPurpose } from './purpose';
import { SigningDataSource } from './subgraph-fetch';
import { loadSupergraph } from './supergraph';

// The gateway's composition root: each concern lives in its own file and is wired here.
export interface GatewayOptions {
  port: number;
  host?: string;
  keys: KeyFiles;
  registry?: ClientRegistry;
  jwks?: JwksSource;
  issuer?: string;
  audience?: string;
  urlOf?: (name: SubgraphName) => string;
  supergraphFile?: string;
  /** filter (default): remove unauthorized fields; reject: refuse the operation; dry-run: report only. */
  authorizationMode?: AuthorizationMode;
}

export interface RunningGateway extends Listening {
  stop(): Promise<void>;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  if (typeof given === 'string' && REQUEST_ID.test(given)) return given;
  const id = randomUUID();
  req.headers['x-request-id'] = id;
  return id;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  // @apollo/gateway otherwise sends anonymous telemetry and probes cloud metadata addresses.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const registry = options.registry ?? loadRegistry();
  const signingKey = options.keys.identityPrivate;
  if (!signingKey) throw new Error('the gateway needs IDENTITY_PRIVATE_KEY_FILE: it signs the caller for every subgraph');
  const urlOf = options.urlOf ?? ((name: SubgraphName) => subgraphUrl(name));
  const supergraph = loadSupergraph(options.supergraphFile);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.planningSdl,
    buildService: ({ name, url }) => new SigningDataSource({ name, url: urlOf(name as SubgraphName) ?? url! }, signingKey),
  });
  // The supergraph's scalars are opaque; give the gateway the real USCC / resident-id checks so bad codes stop here.
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    for (const scalar of [USCC, ResidentIdNumber]) {
      const type = apiSchema.getType(scalar.name);
      if (isScalarType(type)) Object.assign(type, { parseValue: scalar.parseValue, parseLiteral: scalar.parseLiteral });
    }
  });
  const authenticate = createAuthenticator({ registry, jwks: options.jwks ?? options.keys.demoJwks, issuer: options.issuer, audience: options.audience });
  const metrics = createMetrics();
  const limiter = new RateLimiter();
  const limits = queryLimits();
  const requirements = readRequirements(supergraph.full, supergraph.directiveNames);
  const server = new ApolloServer<GatewayContext>({
    gateway: authorizingGateway(gateway, requirements, options.authorizationMode ?? 'filter'),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      metrics.plugin,
      ...limits.plugins,
    ],
    validationRules: limits.validationRules,
    includeStacktraceInErrorResponses: false,
    formatError: formatGatewayError,
  });
  await server.start();

  const graphql = graphqlRoute(
    server,
    async ({ req }) => {
      const requestId = requestIdOf(req);
      const caller = await authenticate(req.headers.authorization, requestId);
      const perMinute = caller.clientId ? registry.clients.get(caller.clientId)!.requestsPerMinute : registry.publicRequestsPerMinute;
      const wait = await limiter.take(caller.clientId ?? `public:${req.socket.remoteAddress}`, perMinute);
      if (wait > 0) throw rateLimited(wait, perMinute);
      const purpose = req.headers[PURPOSE_HEADER];
      return { caller: withPurpose(caller, typeof purpose === 'string' ? purpose : undefined, registry) };
    },
    (req) => ({ 'x-request-id': requestIdOf(req) }),
  );
  const ready: Route = async (_req, res) => {
    const checks = await Promise.all(
      SUBGRAPHS.map(async ({ name }) => {
        const url = urlOf(name).replace(/\/graphql$/, '/ready');
        try {
          const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
          return [name, r.ok ? 'ready' : `HTTP ${r.status}`] as const;
        } catch (e) {
          return [name, (e as Error).message] as const;
        }
      }),
    );
    const ok = checks.every(([, s]) => s === 'ready');
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', subgraphs: Object.fromEntries(checks) });
  };
  const listening = await listen(
    {
      '/graphql': (req, res) => (req.method === 'GET' && req.headers.accept?.includes('text/html') && !req.url?.includes('query=') ? graphiqlPage(req, res) : graphql(req, res)),
      '/': graphiqlPage,
      '/health': (_req, res) => sendJson(res, 200, { status: 'up' }),
      '/ready': ready,
      '/metrics': metrics.route,
      ...graphiqlRoutes(),
    },
    options.port,
    options.host,
  );
  log.info({ url: `${listening.url}/graphql` }, 'gateway listening');
  return {
    ...listening,
    stop: async () => {
      await listening.close();
      await server.stop();
    },
  };
}
