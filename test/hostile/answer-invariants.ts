import { CLIENT_VISIBLE_CODES } from '../../subgraphs/kit/protocol/errors';
import type { Caller } from './callers';
import { mayUse } from './grants';
import type { Answer, HostileCase, Sent } from './transport';

// Invariants on the answer as a whole, whatever was asked: no 5xx, an answer within 5 s, no stack
// trace or file path, a registered code on every error, no full resident id number to a caller
// without person:id-number, and a refused request (bad token, purpose) carries no data.

export interface Finding { invariant: string; detail: string; message: string }

export const ANSWER_WITHIN_MS = 5_000;
const STACK_TRACE = /"(?:stack|stacktrace|exception)"\s*:|\bat [A-Za-z_$][\w$.<>]* \((?:\/|node:|file:)|(?:\/[\w.@-]+){2,}\.(?:ts|js|mjs|cjs)\b|node_modules/;
// GB 11643: 6-digit division, YYYYMMDD birth date, 3-digit sequence, check character.
const RESIDENT_ID = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;

export function errorsOf(json: unknown): { message?: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] {
  const bodies = Array.isArray(json) ? json : [json];
  return bodies.flatMap((b) => (b && typeof b === 'object' && Array.isArray((b as { errors?: unknown }).errors) ? (b as { errors: never[] }).errors : []));
}

export function dataOf(json: unknown): unknown[] {
  const bodies = Array.isArray(json) ? json : [json];
  return bodies.map((b) => (b && typeof b === 'object' ? (b as { data?: unknown }).data : undefined)).filter((d) => d !== undefined && d !== null);
}

/** The code a refused request must carry, or null when the caller gets past authentication and purpose. */
export function refusalOf(caller: Caller): string | null {
  if (caller.token !== 'valid') return 'UNAUTHENTICATED';
  if (caller.purposeKind === 'disallowed') return 'PURPOSE_NOT_ALLOWED';
  if (caller.purposeKind === 'unknown') return 'BAD_USER_INPUT';
  return null;
}

export function answerFindings(c: HostileCase, sent: Sent, answer: Answer): Finding[] {
  const out: Finding[] = [];
  const add = (invariant: string, detail: string, message: string) => out.push({ invariant, detail, message });
  if (answer.failure) add('no-answer', answer.failure.slice(0, 40), `no HTTP answer: ${answer.failure}`);
  if (answer.status >= 500) add('status-5xx', `${answer.status} ${errorsOf(answer.json).map((e) => e.extensions?.code).join(',')}`, `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
  if (answer.ms > ANSWER_WITHIN_MS) add('slow', '', `answered in ${Math.round(answer.ms)} ms`);
  const trace = STACK_TRACE.exec(answer.text);
  if (trace) add('stack-trace', trace[0].slice(0, 30), `the body shows "${answer.text.slice(Math.max(0, trace.index - 80), trace.index + 120)}"`);
  for (const e of errorsOf(answer.json)) {
    const code = e.extensions?.code;
    if (typeof code !== 'string' || !CLIENT_VISIBLE_CODES.has(code)) add('unregistered-code', String(code), `error without a registered code: ${JSON.stringify(e).slice(0, 300)}`);
  }
  const asked = `${sent.url}\n${sent.body ?? ''}`;
  const numbers = [...answer.text.matchAll(RESIDENT_ID)].map((m) => m[0]).filter((n) => !asked.includes(n));
  if (numbers.length && !mayUse(c.caller, 'person:id-number')) add('resident-id-number', '', `full resident id number ${numbers[0]} sent to a caller without person:id-number`);
  const refusal = refusalOf(c.caller);
  if (refusal && dataOf(answer.json).length) add('refused-but-data', refusal, `the request should be refused with ${refusal}, yet carries data: ${answer.text.slice(0, 200)}`);
  const standard = c.transport === 'post' || c.transport === 'post-graphql-response' || (c.transport === 'get' && c.op.kind === 'query');
  if (refusal && standard && answer.json !== undefined && answer.status < 500 && !errorsOf(answer.json).some((e) => e.extensions?.code === refusal)) {
    add('refusal-code', refusal, `expected ${refusal}, got HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
  }
  if ((c.transport === 'get' && c.op.kind === 'mutation') || c.decoy === 'ambiguous') {
    if (dataOf(answer.json).length) add('executed-what-must-not-run', c.decoy === 'ambiguous' ? 'ambiguous-operation' : 'mutation-over-get', `data in ${answer.text.slice(0, 200)}`);
  }
  return out;
}
