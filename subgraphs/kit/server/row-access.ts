import DataLoader from 'dataloader';
import type { Caller, SubjectRef } from '../protocol/caller';
import { forbidden } from '../protocol/errors';
import { lookupEntities } from './entity-lookup';
import type { SubgraphContext } from './subgraph';

// The row rule, in one place for every subgraph: whether the caller may read non-public data about a
// subject. Field scopes are checked before this (gateway and kit/enforce-directives); this is who.

/** 000 item 18: an association regulates its member companies only; 001 Art. 15, 29: a subject reads itself only. */
export function mayReadSubject(caller: Caller, subject: SubjectRef, isMember: boolean): boolean {
  if (caller.kind === 'ASSOCIATION') return subject.type === 'LEGAL_PERSON' && isMember;
  if (caller.kind === 'SUBJECT') return caller.subject?.type === subject.type && caller.subject.id === subject.id;
  return true;
}

/** The legal-persons subgraph decides it for companies and sends it along as the @requires field `callerMayRead`. */
export interface RowAccess {
  uscc: string;
  callerMayRead?: boolean;
}

export function assertReadable(ref: RowAccess): void {
  if (ref.callerMayRead !== true) throw forbidden(`the caller may not read legal person ${ref.uscc}`);
}

/** Wraps a LegalPerson field resolver so it first checks the row-level decision. */
export function readableOnly<A, C, R>(resolve: (ref: RowAccess, args: A, ctx: C) => R): (ref: RowAccess, args: A, ctx: C) => R {
  return (ref, args, ctx) => {
    assertReadable(ref);
    return resolve(ref, args, ctx);
  };
}

const subjectKey = (s: SubjectRef) => `${s.type}:${s.id}`;
const perRequest = new WeakMap<object, DataLoader<SubjectRef, boolean, string>>();

/**
 * Per request, the row rule for any subject, decided once per subject. Only an association needs a
 * fact from elsewhere: which companies are its members, read from legal-persons (`LegalPerson.memberOf`)
 * in one lookup per batch.
 */
export function subjectAccess(ctx: Pick<SubgraphContext, 'caller' | 'keys' | 'urlOf'>, source: string): DataLoader<SubjectRef, boolean, string> {
  let loader = perRequest.get(ctx);
  if (!loader) {
    const caller = ctx.caller;
    loader = new DataLoader(
      async (subjects: readonly SubjectRef[]) => {
        const members = caller.kind === 'ASSOCIATION' ? await membersAmong(ctx, source, subjects) : new Set<string>();
        return subjects.map((s) => mayReadSubject(caller, s, members.has(s.id)));
      },
      { cacheKeyFn: subjectKey, maxBatchSize: 1000 },
    );
    perRequest.set(ctx, loader);
  }
  return loader;
}

async function membersAmong(ctx: Pick<SubgraphContext, 'caller' | 'keys' | 'urlOf'>, source: string, subjects: readonly SubjectRef[]): Promise<Set<string>> {
  const org = ctx.caller.org;
  const usccs = [...new Set(subjects.filter((s) => s.type === 'LEGAL_PERSON').map((s) => s.id))];
  if (!org || usccs.length === 0) return new Set();
  const rows = await lookupEntities<{ uscc: string; memberOf: string[] }>('legal-persons', 'LegalPerson', usccs, 'uscc memberOf', {
    keys: ctx.keys, urlOf: ctx.urlOf, source, key: 'uscc',
  });
  return new Set(rows.filter((r) => r?.memberOf.includes(org)).map((r) => r!.uscc));
}
