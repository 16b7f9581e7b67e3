import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { allows, ROOT, type Req } from '../support/matrix';
import type { Caller } from './callers';
import { MEMBERS } from './values';

// What a caller may see, from gateway/authorization.yaml and the supergraph's directives alone:
// guarded data needs a valid token, a declared purpose the client may use (001 Art. 15) and the
// grants the matrix gives its kind; rows: an association its members only, a subject itself only.

const clientsFile = parseYaml(readFileSync(join(ROOT, 'gateway', 'authorization.yaml'), 'utf8')).clients as Record<string, { subject?: { id: string } }>;

const passesGate = (caller: Caller) => caller.token === 'valid' && caller.purposeKind === 'allowed';

/** May the caller read a selection with these requirements (a field's own and its type's)? A write (a mutation's root field) needs no query purpose. */
export function mayRead(caller: Caller, reqs: Req[], write = false): boolean {
  const gate = write ? caller.token === 'valid' : passesGate(caller);
  return reqs.length === 0 || (gate && reqs.every((r) => allows(r, caller.client)));
}

export function mayUse(caller: Caller, scope: string): boolean {
  return passesGate(caller) && caller.client.scopes.has(scope);
}

/** The row rule for non-public data about `subject` (a USCC or `NP:<id>`), or null when it allows it. */
export function rowRuleBroken(caller: Caller, subject: string): string | null {
  if (caller.client.kind === 'ASSOCIATION' && !MEMBERS.includes(subject)) return 'association-non-member';
  const self = caller.client.kind === 'SUBJECT' ? clientsFile[caller.client.id!]?.subject?.id : undefined;
  if (caller.client.kind === 'SUBJECT' && subject !== self) return 'subject-other-subject';
  return null;
}
