import type { KeyLike } from 'jose';
import { IDENTITY_HEADER, requestBodyHash, signIdentity } from '../../subgraphs/kit/protocol/identity';
import type { GatewayPlugin } from '../runtime';

// Every subgraph fetch carries the caller's identity, signed for that subgraph and that body, and the
// request id; a subgraph refuses a request without it, so nobody can go around the gateway.
export function useSignedIdentity(signingKey: KeyLike): GatewayPlugin {
  return {
    name: 'signed-identity',
    async onSubgraphRequest({ serviceName, request, context }) {
      if (!request.query) return;
      const token = await signIdentity(context.caller, serviceName, requestBodyHash(request.query, request.variables), signingKey);
      request.http?.headers.set(IDENTITY_HEADER, token);
      request.http?.headers.set('x-request-id', context.caller.requestId);
    },
  };
}
