import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GatewayExecutor, GatewayGraphQLRequest, GatewayGraphQLResponse, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { publicCaller } from '../subgraphs/kit/protocol/caller';
import { clientError, ErrorCode } from '../subgraphs/kit/protocol/errors';
import { graphqlRoute, listen, type Listening, type ParsedRequest, type Route } from '../subgraphs/kit/protocol/http';
import { log } from '../subgraphs/kit/protocol/log';
import type { GatewayContext } from './context';
import { leanFetcher, type SubgraphFetcher } from './subgraph-fetcher';

// The gateway runtime: folds a list of plugins onto Apollo Server's and @apollo/gateway's hook points.
// Each concern (authentication, purpose, limits, field authorization, signing…) is one plugin file;
// gateway/index.ts is the list. A bench baseline or a test gateway is the same runtime with fewer plugins.

/** What the plugins know about one GraphQL-over-HTTP request before Apollo Server sees it. */
export interface RequestState {
  req: IncomingMessage;
  body: ParsedRequest['body'];
  context: GatewayContext;
  /** Headers every answer to this request carries (the request id). */
  responseHeaders: Record<string, string>;
  /** An error that answers the request once every plugin has seen it (a rejected token is still rate-limited). */
  error?: GraphQLError;
}

export interface SubgraphFetch {
  serviceName: string;
  request: GatewayGraphQLRequest;
  context: GatewayContext;
}

/** How one subgraph fetch ended: its answer had no errors, had GraphQL errors, was a non-2xx status, or never came. */
export type SubgraphOutcome = 'ok' | 'graphql_errors' | 'http_error' | 'unreachable';

export interface SubgraphResult {
  serviceName: string;
  seconds: number;
  outcome: SubgraphOutcome;
}

export interface GatewayPlugin {
  readonly name: string;
  /** Paths served beside /graphql (health, metrics, pages). */
  routes?: Record<string, Route>;
  /** Runs for each GraphQL request, in list order, before execution; a thrown GraphQLError answers the request. */
  onRequest?(state: RequestState): Promise<void> | void;
  /** Runs onRequest even once an earlier plugin refused the request (state.error): the rate limit counts refusals. */
  seesRefusedRequests?: boolean;
  /** Apollo Server's own plugin hooks. */
  apollo?: ApolloServerPlugin<GatewayContext> | ApolloServerPlugin<GatewayContext>[];
  validationRules?: ValidationRule[];
  /** Called with the API schema whenever it is loaded (e.g. to give scalars their real checks). */
  onSchema?(apiSchema: GraphQLSchema): void;
  /** Wraps the executor: sees the validated operation before it is planned and the result after. */
  wrapExecutor?(execute: GatewayExecutor): GatewayExecutor;
  /** Runs before each subgraph fetch (headers: identity, request id, trace). */
  onSubgraphRequest?(fetch: SubgraphFetch): Promise<void> | void;
  /** Runs after each subgraph fetch (metrics). */
  onSubgraphResult?(result: SubgraphResult): void;
  /** Shapes each error the client sees; applied in list order. */
  formatError?(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Runs when the gateway begins to stop (before in-flight requests drain). */
  onDrain?(): void;
  stop?(): Promise<void> | void;
}

export interface RuntimeOptions {
  supergraphSdl: string;
  urlOf: (name: string) => string;
  plugins: GatewayPlugin[];
  port: number;
  host?: string;
  /** Answers longer than this (as JSON text) are refused with QUERY_TOO_COMPLEX. */
  maxResponseBytes?: number;
  /** How long readiness reports 503 before the listener closes (the load balancer's notice). */
  drainDelayMs?: number;
  /** How long in-flight requests may take to finish once the listener closed. */
  drainMs?: number;
  /** undici (default): keep-alive pools per subgraph; apollo: @apollo/gateway's own make-fetch-happen client (kept for comparison). */
  subgraphClient?: 'undici' | 'apollo';
}

export interface RunningGateway extends Listening {
  stop(): Promise<void>;
}

/** A subgraph fetch: plugins add their headers; an unreachable subgraph is DOWNSTREAM_SERVICE_ERROR naming it. */
class PluginDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    private readonly plugins: GatewayPlugin[],
    client?: SubgraphFetcher,
  ) {
    super(client ? { url, fetcher: client.fetcher } : { url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!context?.caller) return;
    for (const p of this.plugins) await p.onSubgraphRequest?.({ serviceName: this.name, request, context: context as GatewayContext });
  }

  private report(started: number, outcome: SubgraphOutcome): void {
    const result = { serviceName: this.name, seconds: (performance.now() - started) / 1000, outcome };
    for (const p of this.plugins) p.onSubgraphResult?.(result);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const started = performance.now();
    try {
      const response = await super.process(options);
      this.report(started, response.errors?.length ? 'graphql_errors' : 'ok');
      return response;
    } catch (e) {
      // RemoteGraphQLDataSource.errorFromResponse puts a non-2xx answer's status in extensions.response.
      const status = e instanceof GraphQLError ? (e.extensions.response as { status?: number } | undefined)?.status : undefined;
      this.report(started, status ? 'http_error' : 'unreachable');
      if (e instanceof GraphQLError && e.extensions.serviceName) throw e;
      log.warn({ serviceName: this.name, err: (e as Error).message }, 'subgraph fetch failed');
      throw new GraphQLError(`subgraph ${this.name} is unreachable`, {
        extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName: this.name },
      });
    }
  }
}

/** Apollo Server leaves resolving the operation to the gateway, whose planner fails with a 500: answer 400 first. */
const requireOperation = (execute: GatewayExecutor): GatewayExecutor => async (rc) => {
  if (rc.operation) return execute(rc);
  const named = rc.request.operationName;
  const message = named ? `the document has no operation named "${String(named).slice(0, 100)}"` : 'the document holds several operations: name the one to run in operationName';
  return { errors: [clientError(ErrorCode.BAD_USER_INPUT, message, { field: 'operationName', rule: named ? 'UNKNOWN_OPERATION' : 'OPERATION_NAME_REQUIRED', http: { status: 400 } })] };
};

/** Notes a mutation that got past every plugin to the subgraphs: from then on it may have written. */
const markMutations = (execute: GatewayExecutor): GatewayExecutor => async (rc) => {
  const progress = (rc.context as GatewayContext).progress;
  if (rc.operation?.operation === 'mutation' && progress) progress.mutationRan = true;
  return execute(rc);
};

function wrapped(gateway: GatewayInterface, plugins: GatewayPlugin[]): GatewayInterface {
  // The first plugin in the list sees the operation first: wrap from the end.
  const wrap = (execute: GatewayExecutor) => requireOperation(plugins.reduceRight((next, p) => p.wrapExecutor?.(next) ?? next, markMutations(execute)));
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    load: async (options) => {
      const { executor } = await gateway.load(options);
      return { executor: executor && wrap(executor) };
    },
    stop: () => gateway.stop(),
  };
}

export async function startRuntime(options: RuntimeOptions): Promise<RunningGateway> {
  // @apollo/gateway otherwise sends anonymous telemetry and probes cloud metadata addresses.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const { plugins } = options;
  const client = options.subgraphClient === 'apollo' ? undefined : leanFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // Its OpenTelemetry spans (when tracing is on) never carry the query text or error messages, which may name subjects.
    telemetry: { includeDocument: false, recordExceptions: false },
    buildService: ({ name, url }) => new PluginDataSource(name, options.urlOf(name) ?? url!, plugins, client),
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => plugins.forEach((p) => p.onSchema?.(apiSchema)));
  const server = new ApolloServer<GatewayContext>({
    gateway: wrapped(gateway, plugins),
    plugins: plugins.flatMap((p) => p.apollo ?? []),
    validationRules: plugins.flatMap((p) => p.validationRules ?? []),
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => plugins.reduce((f, p) => p.formatError?.(f, error) ?? f, formatted),
  });
  await server.start();

  const states = new WeakMap<IncomingMessage, RequestState>();
  const graphql = graphqlRoute(
    server,
    async ({ req, body }) => {
      const state: RequestState = { req, body, context: { caller: publicCaller(''), progress: { mutationRan: false } }, responseHeaders: {} };
      states.set(req, state);
      for (const p of plugins) if (!state.error || p.seesRefusedRequests) await p.onRequest?.(state);
      if (state.error) throw state.error;
      return state.context;
    },
    (req) => states.get(req)?.responseHeaders ?? {},
    options.maxResponseBytes,
    // A mutation that ran may have committed: its answer, if still too large, is withheld saying so (http.ts).
    (req) => states.get(req)?.context.progress?.mutationRan ?? false,
  );
  const routes: Record<string, Route> = Object.assign({}, ...plugins.map((p) => p.routes ?? {}));
  const graphqlPath = routes['/graphql'];
  // A plugin may claim GET /graphql for a page (GraphiQL); it hands back anything else by returning false.
  routes['/graphql'] = graphqlPath ? async (req, res) => ((await graphqlPath(req, res)) === false ? graphql(req, res) : undefined) : graphql;
  const listening = await listen(routes, options.port, options.host);
  log.info({ url: `${listening.url}/graphql` }, 'gateway listening');
  return {
    ...listening,
    stop: async () => {
      plugins.forEach((p) => p.onDrain?.());
      if (options.drainDelayMs) await new Promise((r) => setTimeout(r, options.drainDelayMs));
      await listening.drain(options.drainMs ?? 10_000);
      await server.stop();
      await client?.close();
      for (const p of plugins) await p.stop?.();
    },
  };
}
