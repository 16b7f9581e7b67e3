import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { log } from './log';

// The one registry of error codes clients program against (CONTRACT.md "Error codes").
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  UNAUTHORIZED_FIELD_OR_TYPE: 'UNAUTHORIZED_FIELD_OR_TYPE',
  FORBIDDEN: 'FORBIDDEN',
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  PURPOSE_NOT_ALLOWED: 'PURPOSE_NOT_ALLOWED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BATCH_TOO_LARGE: 'BATCH_TOO_LARGE',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  RATE_LIMITED: 'RATE_LIMITED',
  DOWNSTREAM_SERVICE_ERROR: 'DOWNSTREAM_SERVICE_ERROR',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes a client may see as they are: ours, and Apollo Server's request-level ones. Anything else is masked. */
export const CLIENT_VISIBLE_CODES: ReadonlySet<string> = new Set<string>([
  ...Object.values(ErrorCode), 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE',
]);

export function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** Bad input: names the field and the rule it breaks, e.g. USCC_CHECK_CHARACTER. */
export function badInput(field: string, rule: string, message: string): GraphQLError {
  return clientError(ErrorCode.BAD_USER_INPUT, message, { field, rule });
}

export function batchTooLarge(field: string, size: number, max: number): GraphQLError {
  return clientError(ErrorCode.BATCH_TOO_LARGE, `${field} holds ${size} items; at most ${max} are allowed in one request`, {
    field,
    size,
    max,
  });
}

export function forbidden(message: string): GraphQLError {
  return clientError(ErrorCode.FORBIDDEN, message);
}

/** Thrown by domain rules; the subgraph's error formatter turns it into its code (BAD_USER_INPUT, CONFLICT…) with the field and rule. */
export class RuleViolation extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
    readonly code: ErrorCode = ErrorCode.BAD_USER_INPUT,
  ) {
    super(message);
  }
}

/** Long messages (a rejected 7 MB variable is quoted in Apollo's message) are cut to a short prefix. */
const MAX_MESSAGE = 500;

function short(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}… (${message.length - MAX_MESSAGE} more characters)` : message;
}

/**
 * The one error formatter, for the gateway and every subgraph: each error a client sees has a code
 * from the registry and no stack trace. A domain rule's violation shows its code, field and rule;
 * validation-phase errors keep the code they meant (query limits, scalar rules); an unknown failure
 * of a subgraph becomes DOWNSTREAM_SERVICE_ERROR naming it; anything else is logged and masked.
 */
export function formatClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof RuleViolation) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, field: original.field, rule: original.rule } };
  }
  const { exception: _exception, stacktrace: _stacktrace, intendedCode, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  let code = extensions.code as string | undefined;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof intendedCode === 'string') code = intendedCode;
  else if (code === 'GRAPHQL_VALIDATION_FAILED' && extensions.rule) code = ErrorCode.BAD_USER_INPUT;
  const visible = code !== undefined && CLIENT_VISIBLE_CODES.has(code);
  if (extensions.serviceName && !visible) {
    log.warn({ err: error, serviceName: extensions.serviceName }, 'subgraph error');
    return { message: `subgraph ${String(extensions.serviceName)} failed`, path: formatted.path, extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName: extensions.serviceName } };
  }
  if (!visible) {
    log.error({ err: error, path: formatted.path }, 'unexpected error');
    return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  // A scalar's rule names its type as the field; refused in a variable, the variable's path says which input (`u[1]`).
  const at = extensions.rule ? variablePath(formatted.message, String(extensions.rule)) : null;
  return { ...formatted, message: short(formatted.message), extensions: { ...extensions, code, ...(at ? { field: at } : {}) } };
}

const VARIABLE = /^Variable "\$(\w+)" got invalid value /;

/**
 * graphql-js: `Variable "$u" got invalid value <refused value> at "u[1]"; <reason>` (no ` at` when the
 * whole variable is refused). A refused string is printed JSON-quoted and the reason quotes it as JSON
 * (scalars.ts), so the only bare ` at "…"; ` is the path, the last one; an object or list given where a
 * code belongs (rule TYPE) is printed with bare keys that could spell one: then only the variable is named.
 */
export function variablePath(message: string, rule?: string): string | null {
  const variable = VARIABLE.exec(message);
  if (!variable) return null;
  const rest = message.slice(variable[0].length);
  if (rule === 'TYPE' && /^[[{]/.test(rest)) return variable[1];
  const paths = [...rest.matchAll(/ at "([\w.[\]]+)"; /g)].map((m) => m[1]);
  const path = paths[paths.length - 1];
  return path?.startsWith(variable[1]) ? path : variable[1];
}
