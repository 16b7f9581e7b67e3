import { IDENTITY_HEADER } from '../../subgraphs/kit/protocol/identity';
import { listen, readBody, sendJson, type Listening } from '../../subgraphs/kit/protocol/http';

// A real HTTP hop in front of one subgraph that keeps what passed: the signed identity header and
// the body, exactly as an eavesdropper on the internal network would capture them.
export interface CapturedRequest {
  identity: string;
  body: string;
  /** Every header as it arrived (e.g. to see whether a traceparent was sent). */
  headers?: Record<string, string | string[] | undefined>;
}

export interface RecordingProxy extends Listening {
  captured: CapturedRequest[];
}

/**
 * Forwards every request to `targetUrl` and records it. With `loseAcks: n`, the first n answers are
 * replaced by a 502 after the target has processed the request (an acknowledgement lost on the way back).
 */
export async function startRecordingProxy(targetUrl: () => string, options: { loseAcks?: number } = {}): Promise<RecordingProxy> {
  const captured: CapturedRequest[] = [];
  let acksToLose = options.loseAcks ?? 0;
  const listening = await listen(
    {
      '/graphql': async (req, res) => {
        const body = await readBody(req);
        const identity = req.headers[IDENTITY_HEADER];
        if (typeof identity === 'string') captured.push({ identity, body, headers: { ...req.headers } });
        const answer = await replay(targetUrl(), { identity: typeof identity === 'string' ? identity : '', body });
        if (acksToLose > 0) {
          acksToLose--;
          return sendJson(res, 502, { errors: [{ message: 'acknowledgement lost' }] });
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(await answer.text());
      },
    },
    0,
    '127.0.0.1',
  );
  return { ...listening, captured };
}

/** Sends a captured request again, byte for byte, to `url` (a subgraph's /graphql). */
export function replay(url: string, request: CapturedRequest): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: request.identity }, body: request.body });
}
