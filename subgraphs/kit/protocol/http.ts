import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { log } from './log';

// A small node:http adapter for Apollo Server, shared by the gateway and the subgraphs,
// so /health, /ready, /metrics and static pages sit beside /graphql without a web framework.
/** A route may answer `false` to hand the request on (a page sharing its path with the API). */
export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void | boolean> | void | boolean;

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
}

/** Parsed GraphQL-over-HTTP request, as Apollo Server and our identity checks see it. */
export interface ParsedRequest {
  req: IncomingMessage;
  body: { query?: string; variables?: unknown; operationName?: string } | undefined;
}

export function graphqlRoute<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (parsed: ParsedRequest) => Promise<C>,
  responseHeaders: (req: IncomingMessage) => Record<string, string> = () => ({}),
  maxResponseBytes = Infinity,
  /** Whether a mutation reached the subgraphs in this request (the gateway's runtime): from then on it may have written. */
  mutationRan: (req: IncomingMessage) => boolean = () => false,
): Route {
  return async (req, res) => {
    let body: ParsedRequest['body'];
    try {
      const text = req.method === 'POST' ? await readBody(req) : '';
      body = text ? JSON.parse(text) : undefined;
    } catch (e) {
      const tooLarge = e instanceof BodyTooLarge;
      sendJson(res, tooLarge ? 413 : 400, {
        errors: [{ message: tooLarge ? e.message : 'request body is not valid JSON', extensions: { code: tooLarge ? 'BATCH_TOO_LARGE' : 'BAD_REQUEST' } }],
      });
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => context({ req, body }),
    });
    for (const [name, value] of Object.entries(responseHeaders(req))) res.setHeader(name, value);
    for (const [name, value] of result.headers) res.setHeader(name, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      // An answer too large to send is refused whole, never cut: the client pages or asks for less.
      // The limit is in bytes as sent (UTF-8): a Chinese character is three.
      const bytes = Buffer.byteLength(result.body.string);
      if (bytes > maxResponseBytes && !mutationRan(req)) {
        sendJson(res, 400, { errors: [{ message: `the answer would be ${bytes} bytes; at most ${maxResponseBytes} are sent: ask for fewer subjects or fields, or page`, extensions: { code: 'QUERY_TOO_COMPLEX' } }] }, responseHeaders(req));
        return;
      }
      // A mutation's answer is estimated before it runs (the gateway's answer-size plugin); one that still
      // comes out larger was carried out, so the refusal says so — a plain 400 would be sent again, and run twice.
      if (bytes > maxResponseBytes) {
        log.warn({ bytes, maxResponseBytes }, 'answer over the size limit withheld after its mutation ran');
        sendJson(res, 200, {
          data: null,
          errors: [{ message: `the mutation was carried out, but its answer of ${bytes} bytes is over the ${maxResponseBytes} sent and is not given: do not send it again; read what it wrote with a query, and select less`, extensions: { code: 'QUERY_TOO_COMPLEX', rule: 'MAX_RESPONSE_BYTES', mutationRan: true } }],
        }, responseHeaders(req));
        return;
      }
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

export interface Listening {
  server: Server;
  url: string;
  close(): Promise<void>;
  /** Stops accepting connections and lets in-flight requests finish, for at most `ms`. */
  drain(ms: number): Promise<void>;
}

/** Serves the routes; `/graphql` etc. match on the path only. */
export async function listen(routes: Record<string, Route>, port: number, host = '0.0.0.0'): Promise<Listening> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes[path];
    if (!route) return sendJson(res, 404, { error: `no route ${path}` });
    // A route that throws, synchronously or not, answers 500 and leaves the process serving.
    Promise.resolve()
      .then(() => route(req, res))
      .catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        else res.end();
        log.error({ err: e, path }, 'route failed');
      });
  });
  // The gateway's fetcher keeps sockets for 15 s; outlive it so the server never closes a socket the client reuses.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    drain: (ms) =>
      new Promise<void>((resolve) => {
        const cutOff = setTimeout(() => server.closeAllConnections(), ms);
        server.close(() => {
          clearTimeout(cutOff);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
