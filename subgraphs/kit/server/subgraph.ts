import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Caller } from '../protocol/caller';
import { mysqlUrlFor, openDatabase, type DatabaseSpec } from './db';
import { enforceDirectives } from './enforce-directives';
import { ErrorCode, formatClientError } from '../protocol/errors';
import { graphqlRoute, listen, sendJson, type Listening } from '../protocol/http';
import { IDENTITY_HEADER, IdentityRejected, requestBodyHash, verifyIdentity } from '../protocol/identity';
import { OutboxEntity, outboxCounts } from './outbox';
import { loadKeys, type KeyFiles } from '../protocol/keys';
import { storeFromEnv, type SharedStore } from '../protocol/shared-store';
import { log } from '../protocol/log';
import { settings } from '../protocol/settings';
import { startTracing, stopTracing, tracedRoute, tracingConfigured } from '../protocol/tracing';
import type { QueryCounter } from './query-counter';
import { subgraphUrl, type SubgraphName } from '../protocol/topology';

export interface SubgraphContext<L = unknown> {
  db: DataSource;
  caller: Caller;
  keys: KeyFiles;
  loaders: L;
  /** Where the other subgraphs are (reads through their API, e.g. kit/entity-lookup.ts). */
  urlOf?: (name: SubgraphName) => string;
}

/** What each subgraph folder exports from its index.ts (which never listens). */
export interface SubgraphModule<L = unknown> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<L>>;
  database: DatabaseSpec;
  createLoaders(db: DataSource, caller: Caller, keys: KeyFiles): L;
  /** Inserts the deterministic demo data set when the database is empty. */
  seedDemo(db: DataSource, keys: KeyFiles): Promise<void>;
  /** Work that runs beside the server (e.g. the outbox relay); returns its stop function. */
  startBackground?(db: DataSource, keys: KeyFiles, urlOf: (name: SubgraphName) => string): () => void;
}

export function loadSchemaFile(name: string): DocumentNode {
  return parse(readFileSync(join(__dirname, '..', '..', '..', 'schema', `${name}.graphql`), 'utf8'));
}

export interface RunningSubgraph extends Listening {
  name: string;
  db: DataSource;
  counter: QueryCounter;
  stop(): Promise<void>;
}

export interface StartOptions {
  port: number;
  host?: string;
  keys?: KeyFiles;
  /** Overrides the database location (tests); default from the environment. */
  mysqlUrl?: string | null;
  seed?: boolean;
  /** Where the other subgraphs are (outbox delivery); default from the environment. */
  urlOf?: (name: SubgraphName) => string;
  /** Where used identity ids are kept, shared by this subgraph's replicas; default from REDIS_URL. */
  store?: SharedStore;
}

export async function startSubgraph<L>(mod: SubgraphModule<L>, options: StartOptions): Promise<RunningSubgraph> {
  settings(); // a bad environment variable stops start-up, naming it
  const keys = options.keys ?? (await loadKeys());
  const { dataSource: db, counter } = await openDatabase(mod.database, options.mysqlUrl === undefined ? mysqlUrlFor(mod.name) : options.mysqlUrl);
  if (options.seed !== false) await mod.seedDemo(db, keys);
  const stopBackground = mod.startBackground?.(db, keys, options.urlOf ?? subgraphUrl) ?? (() => {});
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: buildSubgraphSchema({ typeDefs: mod.typeDefs, resolvers: enforceDirectives(mod.typeDefs, mod.resolvers, mod.name) as GraphQLResolverMap<unknown> }),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
    formatError: formatClientError,
  });
  await apollo.start();
  const usedIds = options.store ?? storeFromEnv();
  const graphql = graphqlRoute(apollo, async ({ req, body }) => {
    const token = req.headers[IDENTITY_HEADER];
    let caller: Caller;
    try {
      if (typeof token !== 'string' || !body?.query) throw new IdentityRejected(`missing ${IDENTITY_HEADER} header: call the gateway`);
      caller = await verifyIdentity(token, mod.name, requestBodyHash(body.query, body.variables), { gateway: keys.identityPublic, service: keys.servicePublic }, usedIds);
    } catch (e) {
      if (e instanceof IdentityRejected) throw new GraphQLError(e.message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
      // The replay check cannot be skipped: without the store nothing is admitted, and the caller may retry.
      log.error({ subgraph: mod.name, err: (e as Error).message }, 'identity check failed');
      throw new GraphQLError(`${mod.name} cannot check identities right now`, {
        extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName: mod.name, http: { status: 503 } },
      });
    }
    return { db, caller, keys, loaders: mod.createLoaders(db, caller, keys), urlOf: options.urlOf ?? subgraphUrl };
  });
  // With an OTLP endpoint configured, one span per request, joining the gateway's trace (traceparent).
  const serviceName = `credit-${mod.name}`;
  const tracing = tracingConfigured() ? startTracing(serviceName) : undefined;
  let draining = false;
  const listening = await listen(
    {
      '/graphql': tracing ? tracedRoute(tracing, `${mod.name} POST /graphql`, graphql) : graphql,
      '/health': (_req, res) => sendJson(res, 200, { status: 'up', subgraph: mod.name }),
      '/ready': async (_req, res) => {
        if (draining) return sendJson(res, 503, { status: 'draining', subgraph: mod.name });
        try {
          await db.query('SELECT 1');
          // Operators watch the outbox here: messages waiting, and messages their receiver refused.
          const outbox = mod.database.entities.includes(OutboxEntity) ? await outboxCounts(db) : undefined;
          sendJson(res, 200, { status: 'ready', subgraph: mod.name, outbox });
        } catch (e) {
          sendJson(res, 503, { status: 'database unreachable', subgraph: mod.name, error: (e as Error).message });
        }
      },
    },
    options.port,
    options.host,
  );
  log.info({ subgraph: mod.name, url: listening.url }, 'subgraph listening');
  return {
    ...listening,
    name: mod.name,
    db,
    counter,
    stop: async () => {
      stopBackground();
      // Readiness says 503 from now; in-flight requests finish, new connections are refused.
      draining = true;
      await listening.drain(10_000);
      await apollo.stop();
      await db.destroy();
      if (tracing) await stopTracing(serviceName);
    },
  };
}
