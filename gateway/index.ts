import type { KeyFiles } from '../subgraphs/kit/protocol/keys';
import { readRequirements } from '../subgraphs/kit/protocol/directives';
import { settings } from '../subgraphs/kit/protocol/settings';
import { tracingConfigured } from '../subgraphs/kit/protocol/tracing';
import { subgraphUrl, type SubgraphName } from '../subgraphs/kit/protocol/topology';
import type { AuthorizationMode } from './authorization/authorizing-gateway';
import { loadRegistry, withSubjectPseudonyms, type ClientRegistry } from './clients';
import { useAccessLog } from './plugins/access-log';
import { useAnswerSize } from './plugins/answer-size';
import { useAuthentication, type JwksSource } from './plugins/authentication';
import { useBatchLimits } from './plugins/batch-limits';
import { useBatchSlices } from './plugins/batch-slices';
import { useDashboard } from './plugins/dashboard';
import { useErrorMasking } from './plugins/error-masking';
import { useFieldAuthorization } from './plugins/field-authorization';
import { useGraphiQL } from './plugins/graphiql';
import { useHealth } from './plugins/health';
import { useMetrics } from './plugins/metrics';
import { usePurpose } from './plugins/purpose';
import { useQueryLimits } from './plugins/query-limits';
import { useRateLimit } from './plugins/rate-limit';
import { useReportPage } from './plugins/report-page';
import { useRequestId } from './plugins/request-id';
import { useScalarChecks } from './plugins/scalar-checks';
import { useSignedIdentity } from './plugins/signed-identity';
import { useTracing } from './plugins/tracing';
import { useValueCompletion } from './plugins/value-completion';
import { startRuntime, type GatewayPlugin, type RunningGateway } from './runtime';
import { loadSupergraph, type LoadedSupergraph } from './supergraph';

// The gateway: one list of plugins, in the order a request meets them. Each concern is its file.
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
  /** Overrides MAX_RESPONSE_BYTES (tests). */
  maxResponseBytes?: number;
  /** Plugins left out by name (the bench's baseline leaves out everything but identity; a load test 'rate-limit'). */
  without?: string[];
}

export type { RunningGateway };

export function gatewayPlugins(options: GatewayOptions, urlOf: (name: string) => string, requirements: ReturnType<typeof readRequirements>, supergraph: LoadedSupergraph): GatewayPlugin[] {
  const registry = withSubjectPseudonyms(options.registry ?? loadRegistry(), options.keys.subjectKey);
  const signingKey = options.keys.identityPrivate;
  if (!signingKey) throw new Error('the gateway needs IDENTITY_PRIVATE_KEY_FILE: it signs the caller for every subgraph');
  return [
    useRequestId(),
    useAuthentication({ registry, jwks: options.jwks ?? options.keys.demoJwks, issuer: options.issuer, audience: options.audience }),
    useRateLimit(registry),
    usePurpose(registry),
    useQueryLimits(),
    // Both before slicing and planning: the batch limits per operation, a mutation's answer before it writes.
    useBatchLimits(),
    useAnswerSize(maxResponseBytes(options)),
    useScalarChecks(),
    useBatchSlices(),
    useFieldAuthorization(requirements, options.authorizationMode),
    useAccessLog(requirements, undefined, maxResponseBytes(options)),
    // Innermost executor wrapper: a null from propagation gets its error before the others read the answer.
    useValueCompletion(supergraph.full),
    useSignedIdentity(signingKey),
    // Only with an OTLP endpoint configured: otherwise no tracing code runs at all.
    ...(tracingConfigured() ? [useTracing()] : []),
    useMetrics(),
    useHealth(urlOf),
    useGraphiQL(),
    useReportPage(),
    useDashboard(),
    useErrorMasking(),
  ].filter((p) => !options.without?.includes(p.name));
}

function maxResponseBytes(options: GatewayOptions): number {
  return options.maxResponseBytes ?? settings().MAX_RESPONSE_BYTES;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const env = settings(); // a bad environment variable stops start-up, naming it
  const urlOf = (name: string) => (options.urlOf ?? subgraphUrl)(name as SubgraphName);
  const supergraph = loadSupergraph(options.supergraphFile);
  const requirements = readRequirements(supergraph.full, supergraph.directiveNames);
  return startRuntime({ supergraphSdl: supergraph.planningSdl, urlOf, plugins: gatewayPlugins(options, urlOf, requirements, supergraph), port: options.port, host: options.host, drainDelayMs: env.SHUTDOWN_DELAY_MS, subgraphClient: env.SUBGRAPH_CLIENT, maxResponseBytes: maxResponseBytes(options) });
}
