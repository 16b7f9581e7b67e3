import type { JWK, KeyLike } from 'jose';
import { createAuthenticator } from '../../gateway/plugins/authentication';
import { allowedPurposes } from '../../gateway/plugins/purpose';
import type { ClientRegistry } from '../../gateway/clients';
import type { Caller } from '../../subgraphs/kit/protocol/caller';
import { IDENTITY_HEADER, requestBodyHash, signIdentity } from '../../subgraphs/kit/protocol/identity';
import { parsePurpose, PURPOSE_HEADER } from '../../subgraphs/kit/protocol/purpose';

// Bench only: lets Hive Gateway call our subgraphs, which refuse unsigned requests. It does what our
// gateway's authentication, purpose and signed-identity plugins do — verify the bearer JWT, read the
// purpose, sign the caller for each subgraph fetch and its body — so the subgraphs do the same work
// for every gateway under test. No field authorization, no access log (the subgraphs still enforce
// the directives and row rules).
/** The one Hive Gateway hook used (its types are not imported: see gateway-process.ts). */
interface OnFetch {
  onFetch(payload: { url: string; options: RequestInit; setOptions(options: RequestInit): void; context: unknown }): Promise<void>;
}

export function useBenchSigning(options: { registry: ClientRegistry; jwks: { keys: JWK[] }; signingKey: KeyLike; subgraphOf: (url: string) => string }): OnFetch {
  const authenticate = createAuthenticator({ registry: options.registry, jwks: options.jwks });
  const callers = new WeakMap<object, Promise<Caller>>();
  const callerOf = (request: Request): Promise<Caller> => {
    let caller = callers.get(request);
    if (!caller) {
      const requestId = request.headers.get('x-request-id') ?? crypto.randomUUID();
      caller = authenticate(request.headers.get('authorization') ?? undefined, requestId).then((c) => ({
        ...c,
        purpose: parsePurpose(request.headers.get(PURPOSE_HEADER) ?? undefined, allowedPurposes(c, options.registry), c.clientId ?? 'the public'),
      }));
      callers.set(request, caller);
    }
    return caller;
  };
  return {
    async onFetch({ url, options: init, setOptions, context }) {
      const request = (context as { request?: Request }).request;
      if (!request || typeof init.body !== 'string') return;
      const caller = await callerOf(request);
      const body = JSON.parse(init.body) as { query: string; variables?: unknown };
      const audience = options.subgraphOf(url);
      const token = await signIdentity(caller, audience, requestBodyHash(body.query, body.variables), options.signingKey);
      setOptions({ ...init, headers: { ...(init.headers as Record<string, string>), [IDENTITY_HEADER]: token, 'x-request-id': caller.requestId } });
    },
  };
}
