import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../../subgraphs/kit/protocol/errors';
import { settings } from '../../subgraphs/kit/protocol/settings';
import type { GatewayContext } from '../context';
import type { GatewayPlugin } from '../runtime';
import { dataCost } from './data-cost';
import { shapeChecker, tooComplex } from './query-shape';

// Query limits (graphql-armor): depth, aliases, directives, tokens and a static cost. A batch credit
// check of 10,000 subjects passes them as one list variable, so these limits stay tight.
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  /** The cost with list arguments and pages counted by their length (plugins/data-cost.ts). */
  maxDataCost: number;
}

export function limitsFromSettings(s = settings()): QueryLimits {
  return { maxDepth: s.MAX_QUERY_DEPTH, maxAliases: s.MAX_QUERY_ALIASES, maxCost: s.MAX_QUERY_COST, maxTokens: s.MAX_QUERY_TOKENS, maxDataCost: s.MAX_QUERY_DATA_COST };
}

// Apollo Server relabels validation errors GRAPHQL_VALIDATION_FAILED; formatError restores this code.
function reject(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(
    new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { intendedCode: ErrorCode.QUERY_TOO_COMPLEX } }),
  );
}

const onRejection = { propagateOnRejection: false, onReject: [reject] };

export function queryLimits(LIMITS: QueryLimits) {
  return new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ...onRejection },
    maxAliases: { n: LIMITS.maxAliases, ...onRejection },
    maxDirectives: { n: 20, ...onRejection },
    costLimit: { maxCost: LIMITS.maxCost, ...onRejection },
    // The token limit is checked before validation (query-shape.ts); armor's own would apply its default of 1,000.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

/** Refuses what would cost too much before it is planned: the query text's shape, then its cost with the variables known. */
export function useQueryLimits(limits = limitsFromSettings()): GatewayPlugin {
  const armor = queryLimits(limits);
  const checkShape = shapeChecker({ maxTokens: limits.maxTokens, maxRepeats: 20, maxExpandedFields: 2_000 });
  return {
    name: 'query-limits',
    onRequest({ req, body }) {
      const query = body?.query ?? (req.method === 'GET' ? new URL(req.url ?? '/', 'http://x').searchParams.get('query') : null);
      if (typeof query === 'string') checkShape(query);
    },
    validationRules: armor.validationRules,
    apollo: armor.plugins as ApolloServerPlugin<GatewayContext>[],
    wrapExecutor: (execute) => async (rc) => {
      const cost = dataCost(rc);
      if (cost > limits.maxDataCost) return { errors: [tooComplex(`the query costs ${cost} with its variables (list arguments and pages counted by their length); at most ${limits.maxDataCost} is allowed: ask for fewer subjects or fields`)] };
      return execute(rc);
    },
  };
}
