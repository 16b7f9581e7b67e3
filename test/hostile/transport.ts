import fc from 'fast-check';
import type { Caller } from './callers';
import type { Operation } from './operations';
import { render, type Rendered } from './render';

// How a request travels: POST JSON (mostly), GET, a batched body, wrong content types, a document
// with a second (decoy) operation chosen by operationName or left ambiguous.

export type Transport = 'post' | 'post-graphql-response' | 'get' | 'batch' | 'text-plain' | 'form' | 'no-content-type';
export type Decoy = 'none' | 'named' | 'ambiguous';
export interface HostileCase { op: Operation; caller: Caller; transport: Transport; decoy: Decoy; decoyOp: Operation; named: boolean }

export const transportArb = fc.oneof(
  { weight: 14, arbitrary: fc.constant<Transport>('post') },
  { weight: 1, arbitrary: fc.constantFrom<Transport>('post-graphql-response', 'get', 'batch', 'text-plain', 'form', 'no-content-type') },
);
export const decoyArb = fc.oneof({ weight: 8, arbitrary: fc.constant<Decoy>('none') }, fc.constantFrom<Decoy>('named', 'ambiguous'));

export interface Answer { status: number; text: string; json: unknown; ms: number; failure?: string }
export interface Sent { url: string; method: string; headers: Record<string, string>; body?: string }

/** The request body: the operation (and the decoy beside it), with or without operationName. */
export function documentOf(c: HostileCase): Rendered & { operationName?: string } {
  if (c.decoy === 'none') {
    const name = c.named ? 'Hostile' : null;
    return { ...render(c.op, 'hostile', name), ...(name ? { operationName: name } : {}) };
  }
  const target = render(c.op, 'hostile', 'Target', 't');
  const decoy = render(c.decoyOp, 'hostile', 'Decoy', 'd');
  return { query: `${target.query}\n${decoy.query}`, variables: { ...decoy.variables, ...target.variables }, ...(c.decoy === 'named' ? { operationName: 'Target' } : {}) };
}

export function requestOf(c: HostileCase, endpoint: string, bearer: string | null, doc: Rendered & { operationName?: string } = documentOf(c)): Sent {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (c.caller.purpose !== null) headers['x-query-purpose'] = c.caller.purpose;
  const json = JSON.stringify(doc);
  switch (c.transport) {
    case 'get': {
      const search = new URLSearchParams({ query: doc.query, variables: JSON.stringify(doc.variables), ...(doc.operationName ? { operationName: doc.operationName } : {}) });
      // Apollo's CSRF prevention refuses a GET without a preflight-forcing header; API clients send one.
      return { url: `${endpoint}?${search}`, method: 'GET', headers: { ...headers, 'apollo-require-preflight': 'true' } };
    }
    case 'batch': return { url: endpoint, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: `[${json},${json}]` };
    case 'text-plain': return { url: endpoint, method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: json };
    case 'form': return { url: endpoint, method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ query: doc.query }).toString() };
    case 'no-content-type': return { url: endpoint, method: 'POST', headers, body: json };
    case 'post-graphql-response': return { url: endpoint, method: 'POST', headers: { ...headers, accept: 'application/graphql-response+json', 'content-type': 'application/json' }, body: json };
    default: return { url: endpoint, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: json };
  }
}

/** Sends and times one request; a hang is cut at 30 s and reported, never awaited forever. */
export async function send(sent: Sent): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(sent.url, { method: sent.method, headers: sent.headers, body: sent.body, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, ms: performance.now() - started };
  } catch (e) {
    // undici says only "fetch failed"; the cause (ECONNRESET, UND_ERR_SOCKET, …) tells what happened.
    const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
    const failure = cause ? `${(e as Error).message}: ${cause.code ?? cause.message}` : (e as Error).message;
    return { status: 0, text: '', json: undefined, ms: performance.now() - started, failure };
  }
}

/** A curl line that repeats the request (bodies over 4 kB are cut, their size said). */
export function curlOf(sent: Sent): string {
  const h = Object.entries(sent.headers).map(([k, v]) => `-H ${JSON.stringify(`${k}: ${k === 'authorization' ? 'Bearer <token>' : v}`)}`).join(' ');
  const url = sent.url.length > 4000 ? `${sent.url.slice(0, 4000)}…(${sent.url.length} chars)` : sent.url;
  const body = sent.body === undefined ? '' : ` --data-raw ${JSON.stringify(sent.body.length > 4000 ? `${sent.body.slice(0, 4000)}…(${sent.body.length} chars)` : sent.body)}`;
  return `curl -s -X ${sent.method} ${h} ${JSON.stringify(url)}${body}`;
}
