import type { Caller, QueryPurpose } from '../../subgraphs/kit/protocol/caller';
import { parsePurpose, PURPOSE_HEADER } from '../../subgraphs/kit/protocol/purpose';
import type { ClientRegistry } from '../clients';
import type { GatewayPlugin } from '../runtime';

// X-Query-Purpose: what the caller will use the data for. It must be one the client may use (the
// matrix, per kind); it travels to the subgraphs inside the signed identity. Whether a query needs
// one is subgraphs/kit/protocol/purpose.ts's rule, applied by the field-authorization plugin.

export function allowedPurposes(caller: Caller, registry: ClientRegistry): QueryPurpose[] {
  return caller.clientId ? (registry.clients.get(caller.clientId)?.purposes ?? []) : registry.publicPurposes;
}

export function usePurpose(registry: ClientRegistry): GatewayPlugin {
  return {
    name: 'purpose',
    onRequest(state) {
      const { caller } = state.context;
      const header = state.req.headers[PURPOSE_HEADER];
      const purpose = parsePurpose(typeof header === 'string' ? header : undefined, allowedPurposes(caller, registry), caller.clientId ?? 'the public');
      state.context.caller = { ...caller, purpose };
    },
  };
}
