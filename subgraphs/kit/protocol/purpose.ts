import { QUERY_PURPOSES, type Caller, type QueryPurpose } from './caller';
import { clientError, ErrorCode } from './errors';

// The purpose rule, in one place (001 Art. 15; DOMAIN.md "Query purposes"): non-public credit
// information — any field or row guarded by a scope, a policy or authentication — is read only for a
// declared purpose the client may use. The gateway checks it before planning; subgraphs that decide
// row by row (unpublished list entries) ask the same function.
export const PURPOSE_HEADER = 'x-query-purpose';

/** May this caller receive non-public data at all (it declared a purpose)? */
export function declaredPurpose(caller: Caller): boolean {
  return caller.purpose !== null;
}

export function purposeRequired() {
  return clientError(ErrorCode.PURPOSE_REQUIRED, 'this query reads non-public credit information: declare the purpose in the X-Query-Purpose header');
}

/** The declared purpose from the header, or null when none was declared; throws when it is unknown or not allowed. */
export function parsePurpose(header: string | undefined, allowed: readonly QueryPurpose[], who: string): QueryPurpose | null {
  if (!header) return null;
  const value = header.trim().toUpperCase();
  if (!(QUERY_PURPOSES as readonly string[]).includes(value)) {
    throw clientError(ErrorCode.BAD_USER_INPUT, `X-Query-Purpose "${header.slice(0, 64)}" is not a query purpose; use one of ${QUERY_PURPOSES.join(', ')}`, {
      field: 'X-Query-Purpose', rule: 'UNKNOWN_PURPOSE', http: { status: 400 },
    });
  }
  if (!allowed.includes(value as QueryPurpose)) {
    throw clientError(ErrorCode.PURPOSE_NOT_ALLOWED, `purpose ${value} is not allowed for ${who}; allowed: ${allowed.join(', ') || 'none'}`, {
      allowedPurposes: allowed, http: { status: 403 },
    });
  }
  return value as QueryPurpose;
}
