import { QUERY_PURPOSES, type Caller, type QueryPurpose } from '../subgraphs/kit/protocol/caller';
import { clientError, ErrorCode } from '../subgraphs/kit/protocol/errors';
import type { ClientRegistry } from './clients';

// X-Query-Purpose: what the caller will use the data for (001 Art. 15; DOMAIN.md "Query purposes").
// It must be one the client may use; it travels to the subgraphs inside the signed identity.
export const PURPOSE_HEADER = 'x-query-purpose';

export function allowedPurposes(caller: Caller, registry: ClientRegistry): QueryPurpose[] {
  return caller.clientId ? (registry.clients.get(caller.clientId)?.purposes ?? []) : registry.publicPurposes;
}

/** Returns the caller with its declared purpose, or throws PURPOSE_NOT_ALLOWED / BAD_USER_INPUT. */
export function withPurpose(caller: Caller, header: string | undefined, registry: ClientRegistry): Caller {
  if (!header) return caller;
  const value = header.trim().toUpperCase();
  if (!(QUERY_PURPOSES as readonly string[]).includes(value)) {
    throw clientError(ErrorCode.BAD_USER_INPUT, `X-Query-Purpose "${header}" is not a query purpose; use one of ${QUERY_PURPOSES.join(', ')}`, {
      field: 'X-Query-Purpose', rule: 'UNKNOWN_PURPOSE', http: { status: 400 },
    });
  }
  const allowed = allowedPurposes(caller, registry);
  if (!allowed.includes(value as QueryPurpose)) {
    throw clientError(ErrorCode.PURPOSE_NOT_ALLOWED, `purpose ${value} is not allowed for ${caller.clientId ?? 'the public'}; allowed: ${allowed.join(', ') || 'none'}`, {
      allowedPurposes: allowed, http: { status: 403 },
    });
  }
  return { ...caller, purpose: value as QueryPurpose };
}
