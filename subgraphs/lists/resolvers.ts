import type { SubjectRef } from '../kit/protocol/caller';
import { readableOnly, subjectAccess } from '../kit/server/row-access';
import type { RowDecision } from '../kit/server/row-fields';
import { requireRegisteredSubject } from './subject-registry';
import { requireOwnRecords } from './listing-records';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { USCC } from '../kit/protocol/scalars';
import type { SubgraphContext } from '../kit/server/subgraph';
import { listChanges, type ListChange } from './change-feed';
import { listEntryConnection, type ListEntryFilter } from './connection';
import { cursorKey } from '../kit/server/cursor';
import type { ListEntryEventRow, ListEntryRow } from './entities';
import { endListEntry, endListEntryByDecision, extendListEntry, type Decision } from './lifecycle';
import { listSubject, recordListingNotice } from './listing';
import { recordObjectionState, type ObjectionState } from './objection-pauses';
import type { ListSubjectInput } from './listing-input';
import type { Loaders, SubjectEntryArgs } from './loaders';
import { periodPolicy } from './policy';
import { effectiveStatus } from './rules/status';
import { awaitsNotice } from './rules/notice-before-black';
import { isPublished, reaches, wasShown } from './publication';
import { linkedByDate, type HeldTerm } from './rules/linkage';
import { activeMemberEntriesByType, entriesByDomain, entriesByStatus, entriesByType } from './statistics';
import { checkYear, mayReadAssociationReport } from '../kit/statistics/report-year';
import { badInput } from '../kit/protocol/errors';

type Context = SubgraphContext<Loaders>;
interface NaturalPersonRef {
  id: string;
  representativeTerms?: HeldTerm[] | null;
}

const visible = (ctx: Context) => (rows: ListEntryRow[]) => rows.filter((r) => reaches(r, ctx.loaders.subjectReach, ctx.loaders.today));
const subjectOf = (row: ListEntryRow): SubjectRef => ({ type: row.subjectType, id: row.subjectId });
const subjectOfRow = (row: ListEntryRow) =>
  row.subjectType === 'LEGAL_PERSON' ? { __typename: 'LegalPerson', uscc: row.subjectId } : { __typename: 'NaturalPerson', id: row.subjectId };
/** The row rule for an entry: that of its subject, decided once per subject and request (kit/row-access). */
const mayReadEntry = (row: ListEntryRow, ctx: Context) => subjectAccess(ctx, 'lists').load(subjectOf(row));

/**
 * One entry by id (query or reference): unpublished only with lists:read and, below officials, the row rule;
 * awaiting its notice only for officials (the party has not been told yet).
 */
async function entryById(ctx: Context, id: string): Promise<ListEntryRow | null> {
  const row = await ctx.loaders.entry.load(id);
  if (!row || isPublished(row, ctx.loaders.today) || ctx.loaders.seesAllUnpublished) return row;
  // Another subgraph asking for an entry's public facts (objections, measures' feedback) is told of an ended
  // entry it was shown, so it can say "not in force" rather than "unknown"; it never selects non-public fields.
  if (ctx.caller.kind === 'SERVICE' && wasShown(row)) return row;
  if (awaitsNotice(row)) return null;
  return ctx.loaders.seesUnpublished && (await mayReadEntry(row, ctx)) ? row : null;
}

/** Row decisions for kit/row-fields: every non-public field of these types asks them first. */
export const rowDecisions: Record<string, RowDecision<Context>> = {
  ListEntry: mayReadEntry,
  NaturalPerson: (ref: NaturalPersonRef, ctx) => subjectAccess(ctx, 'lists').load({ type: 'NATURAL_PERSON', id: ref.id }),
  AssociationReport: (ref: { association: string }, ctx) => mayReadAssociationReport(ctx.caller, ref.association),
};

/** 001 Art. 28: active BLACK entries of the companies the person represented on each entry's decision day (terms from @requires). */
async function linkedEntries(ref: NaturalPersonRef, ctx: Context): Promise<ListEntryRow[]> {
  const terms = ref.representativeTerms ?? [];
  const usccs = [...new Set(terms.map((t) => t.legalPerson.uscc))];
  const lists = await ctx.loaders.activeBySubject.loadMany(usccs);
  return lists.flatMap((rows) => (rows instanceof Error ? [] : rows)).filter((row) => row.listType === 'BLACK' && linkedByDate(terms, row));
}

export const resolvers: GraphQLResolverMap<Context> = {
  USCC,
  // The annual report's list tables (001); PlatformReport is stats:read throughout.
  PlatformReport: {
    __resolveReference: (ref: { year: number }) => ({ year: checkYear(ref.year) }),
    listEntriesByType: (r: { year: number }, _: unknown, ctx: Context) => entriesByType(ctx.db, r.year),
    listEntriesByDomain: (r: { year: number }, _: unknown, ctx: Context) => entriesByDomain(ctx.db, r.year),
    listEntriesByStatus: (r: { year: number }, _: unknown, ctx: Context) => entriesByStatus(ctx.db, r.year, ctx.loaders.today),
  },
  AssociationReport: {
    __resolveReference: (ref: { association: string; year: number; memberUsccs?: string[] }) => ({ ...ref, year: checkYear(ref.year) }),
    activeListEntriesByType: (r: { memberUsccs?: string[] }, _: unknown, ctx: Context) => {
      if (!Array.isArray(r.memberUsccs)) throw badInput('memberUsccs', 'REQUIRES_FIELD', 'AssociationReport needs memberUsccs from legal-persons: query it through the gateway');
      return activeMemberEntriesByType(ctx.db, r.memberUsccs, ctx.loaders.today);
    },
  },
  Query: {
    listEntry: (_: unknown, { id }: { id: string }, ctx: Context) => entryById(ctx, id),
    listEntries: (_: unknown, args: { filter?: ListEntryFilter | null; first?: number | null; after?: string | null }, ctx: Context) =>
      listEntryConnection(ctx.db, args.filter ?? {}, args.first ?? 50, args.after ?? null, ctx.loaders.today, ctx.loaders.seesAllUnpublished ? 'ALL' : 'PUBLISHED', cursorKey(ctx.keys.subjectKey)),
    listChanges: (_: unknown, args: { first?: number | null; after?: string | null }, ctx: Context) =>
      listChanges(ctx.db, args.first ?? 100, args.after ?? null, ctx.loaders.seesAllUnpublished ? 'ALL' : 'PUBLISHED', ctx.loaders.today, cursorKey(ctx.keys.subjectKey)),
  },
  ListChange: {
    entry: (change: ListChange) => change.entry,
    subject: (change: ListChange) => (change.entry ? subjectOfRow(change.entry) : null),
  },
  Mutation: {
    listSubject: (_: unknown, { input }: { input: ListSubjectInput }, ctx: Context) =>
      listSubject(ctx.db, ctx.caller, input, periodPolicy(), ctx.loaders.today, (subject) => requireRegisteredSubject(ctx, subject),
        (subject, ids) => requireOwnRecords(ctx, subject, ids)),
    recordListingNotice: (_: unknown, a: { id: string; servedOn: string }, ctx: Context) =>
      recordListingNotice(ctx.db, ctx.caller, a.id, a.servedOn, ctx.loaders.today),
    extendListEntry: (_: unknown, a: { id: string; periodEndsOn: string; reason: string }, ctx: Context) =>
      extendListEntry(ctx.db, ctx.caller, a.id, a.periodEndsOn, a.reason, periodPolicy(), ctx.loaders.today),
    removeListEntry: (_: unknown, a: { id: string; reason: string }, ctx: Context) =>
      endListEntry(ctx.db, ctx.caller, a.id, 'REMOVED', a.reason, ctx.loaders.today),
    revokeListEntry: (_: unknown, a: { id: string; reason: string }, ctx: Context) =>
      endListEntry(ctx.db, ctx.caller, a.id, 'REVOKED', a.reason, ctx.loaders.today),
    endListEntryByDecision: (_: unknown, d: Decision, ctx: Context) => endListEntryByDecision(ctx.db, ctx.caller, d, ctx.loaders.today),
    recordObjectionState: (_: unknown, s: ObjectionState, ctx: Context) => recordObjectionState(ctx.db, ctx.caller, s, ctx.loaders.today),
  },
  ListEntry: {
    __resolveReference: (ref: { id: string }, ctx: Context) => entryById(ctx, ref.id),
    status: (row: ListEntryRow, _: unknown, ctx: Context) => effectiveStatus(row, ctx.loaders.today),
    // Not published before it takes effect nor after it left the list: the gateway logs a read of it as lists:read (row-rules.ts).
    published: (row: ListEntryRow, _: unknown, ctx: Context) => isPublished(row, ctx.loaders.today),
    subject: subjectOfRow,
    history: (row: ListEntryRow, _: unknown, ctx: Context) => ctx.loaders.events.load(row.id),
    subjectKey: (row: ListEntryRow) => `${row.subjectType}:${row.subjectId}`,
    recordIds: (row: ListEntryRow) => (row.recordIds ? (JSON.parse(row.recordIds) as string[]) : []),
    callerMayRead: (row: ListEntryRow, _: unknown, ctx: Context) => mayReadEntry(row, ctx),
  },
  ListEntryEvent: {
    on: (event: ListEntryEventRow) => event.onDate,
  },
  LegalPerson: {
    __resolveReference: (ref: { uscc: string }) => ref,
    listEntries: readableOnly((ref, args: SubjectEntryArgs, ctx: Context) => ctx.loaders.bySubject(args).load(ref.uscc)),
    activeListEntries: (ref: { uscc: string }, _: unknown, ctx: Context) => ctx.loaders.activeBySubject.load(ref.uscc),
  },
  NaturalPerson: {
    __resolveReference: (ref: NaturalPersonRef) => ref,
    listEntries: (ref: NaturalPersonRef, args: SubjectEntryArgs, ctx: Context) => ctx.loaders.bySubject(args).load(ref.id),
    linkedListEntries: (ref: NaturalPersonRef, _: unknown, ctx: Context) => linkedEntries(ref, ctx).then(visible(ctx)),
    // Own entries and linked ones come from the same loader, so both cost one SELECT per batch together.
    activeListEntries: async (ref: NaturalPersonRef, _: unknown, ctx: Context) => {
      const [own, linked] = await Promise.all([ctx.loaders.activeBySubject.load(ref.id), linkedEntries(ref, ctx)]);
      return [...own, ...linked];
    },
  },
};
