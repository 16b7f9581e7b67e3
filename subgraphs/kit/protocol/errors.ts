import { GraphQLError } from 'graphql';

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
  ...Object.values(ErrorCode), 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND',
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
