import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import { ErrorCode } from '../subgraphs/kit/protocol/errors';

// Query limits (graphql-armor): depth, aliases, directives, tokens and a static cost. A batch credit
// check of 10,000 subjects passes them as one list variable, so these limits stay tight.
export const LIMITS = {
  maxDepth: Number(process.env.MAX_QUERY_DEPTH ?? 12),
  maxAliases: Number(process.env.MAX_QUERY_ALIASES ?? 30),
  maxCost: Number(process.env.MAX_QUERY_COST ?? 20_000),
  maxTokens: Number(process.env.MAX_QUERY_TOKENS ?? 5_000),
};

// Apollo Server relabels validation errors GRAPHQL_VALIDATION_FAILED; formatError restores this code.
function reject(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(
    new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { intendedCode: ErrorCode.QUERY_TOO_COMPLEX } }),
  );
}

const onRejection = { propagateOnRejection: false, onReject: [reject] };

export function queryLimits() {
  return new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ...onRejection },
    maxAliases: { n: LIMITS.maxAliases, ...onRejection },
    maxDirectives: { n: 20, ...onRejection },
    costLimit: { maxCost: LIMITS.maxCost, ...onRejection },
    maxTokens: { n: LIMITS.maxTokens },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
