import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { getVariableValues, GraphQLError } from 'graphql';
import { ErrorCode } from '../../subgraphs/kit/protocol/errors';

// When the filter removed every root field nothing is planned, so the gateway never coerces the
// variables; they are still the client's input and must be refused as for any other caller
// (GraphQL spec 6.1.2 CoerceVariableValues).
export function variableErrors(rc: GatewayGraphQLRequestContext): GraphQLError[] {
  const definitions = rc.operation?.variableDefinitions ?? [];
  const { errors } = getVariableValues(rc.schema, definitions, rc.request.variables ?? {}, { maxErrors: 10 });
  return (errors ?? []).map((e) => new GraphQLError(e.message, {
    nodes: e.nodes,
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(e.originalError as GraphQLError | undefined)?.extensions, http: { status: 400 } },
  }));
}
