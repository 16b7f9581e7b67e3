import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../../subgraphs/kit/protocol/errors';
import { settings } from '../../subgraphs/kit/protocol/settings';
import type { GatewayContext } from '../context';
import type { GatewayPlugin } from '../runtime';

// Query limits (graphql-armor): depth, aliases, directives, tokens and a static cost. A batch credit
// check of 10,000 subjects passes them as one list variable, so these limits stay tight.
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
}

export function limitsFromSettings(s = settings()): QueryLimits {
  return { maxDepth: s.MAX_QUERY_DEPTH, maxAliases: s.MAX_QUERY_ALIASES, maxCost: s.MAX_QUERY_COST, maxTokens: s.MAX_QUERY_TOKENS };
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
    maxTokens: { n: LIMITS.maxTokens },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

export function useQueryLimits(limits = limitsFromSettings()): GatewayPlugin {
  const armor = queryLimits(limits);
  return { name: 'query-limits', validationRules: armor.validationRules, apollo: armor.plugins as ApolloServerPlugin<GatewayContext>[] };
}
