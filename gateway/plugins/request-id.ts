import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '../runtime';

// X-Request-Id: the caller's own id when it is a plain token, else a new one; it is answered back,
// sent to every subgraph and written to the access log, so one query can be followed everywhere.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function useRequestId(): GatewayPlugin {
  return {
    name: 'request-id',
    onRequest(state) {
      const given = state.req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      state.context.caller = { ...state.context.caller, requestId: id };
      state.responseHeaders['x-request-id'] = id;
    },
  };
}
