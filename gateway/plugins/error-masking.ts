import type { GraphQLFormattedError } from 'graphql';
import { CLIENT_VISIBLE_CODES, ErrorCode } from '../subgraphs/kit/protocol/errors';
import { log } from '../subgraphs/kit/protocol/log';


/**
 * Every error a client sees has a code from the registry and no stack trace. Validation-phase errors
 * keep the code they meant (query limits, scalar rules); unknown subgraph failures become
 * DOWNSTREAM_SERVICE_ERROR with the serviceName; anything else is masked and logged.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { exception: _exception, stacktrace: _stacktrace, intendedCode, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  let code = extensions.code as string | undefined;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof intendedCode === 'string') code = intendedCode;
  else if (code === 'GRAPHQL_VALIDATION_FAILED' && extensions.rule) code = ErrorCode.BAD_USER_INPUT;
  if (extensions.serviceName && (!code || !CLIENT_VISIBLE_CODES.has(code))) {
    log.warn({ err: error, serviceName: extensions.serviceName }, 'subgraph error');
    return { message: `subgraph ${String(extensions.serviceName)} failed`, path: formatted.path, extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName: extensions.serviceName } };
  }
  if (!code || !CLIENT_VISIBLE_CODES.has(code)) {
    log.error({ err: error, path: formatted.path }, 'unexpected gateway error');
    return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return { ...formatted, extensions: { ...extensions, code } };
}
