import { subjectAccess } from '../kit/server/row-access';
import type { RowDecision } from '../kit/server/row-fields';
import { requireFeedbackTarget } from './feedback-target';
import { measureImplementation } from './statistics';
import { checkYear } from '../kit/statistics/report-year';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { QueryPurpose } from '../kit/protocol/caller';
import { today } from '../kit/calendar/clock';
import { forbidden } from '../kit/protocol/errors';
import { USCC } from '../kit/protocol/scalars';
import type { SubgraphContext } from '../kit/server/subgraph';
import type { Measure } from './catalogue';
import type { FeedbackRow } from './entities';
import { canSeeFeedback, recordFeedback, type FeedbackInput } from './feedback';
import type { FeedbackTotal, Loaders } from './loaders';
import { applicableMeasures, matchesFilter, type ActiveListEntry, type MeasureFilter } from './rules/applicable';
import { latestImport } from './store';

type Context = SubgraphContext<Loaders>;

/** A person representation as the gateway sends it, with the lists subgraph's active entries (@requires). */
interface PersonRef {
  uscc?: string;
  callerMayRead?: boolean;
  activeListEntries?: ActiveListEntry[] | null;
}

interface ListEntryRef {
  id: string;
  listedBy?: string | null;
  callerMayRead?: boolean;
}

/** Row decisions for kit/row-fields: the entry's and the company's from @requires, a person's decided here. */
export const rowDecisions: Record<string, RowDecision<Context>> = {
  ListEntry: (ref: ListEntryRef) => ref.callerMayRead === true,
  LegalPerson: (ref: PersonRef) => ref.callerMayRead === true,
  NaturalPerson: (ref: { id: string }, ctx) => subjectAccess(ctx, 'measures').load({ type: 'NATURAL_PERSON', id: ref.id }),
};

const listEntryRef = (id: string) => ({ __typename: 'ListEntry', id });

async function measureById(ctx: Context, id: string): Promise<Measure | null> {
  return (await ctx.loaders.catalogue()).byId.get(id) ?? null;
}

async function applicable(person: PersonRef, { purpose }: { purpose: QueryPurpose }, ctx: Context) {
  const { measures } = await ctx.loaders.catalogue();
  return applicableMeasures(person.activeListEntries ?? [], measures, purpose).map((a) => ({
    measure: a.measure,
    listEntry: { ...listEntryRef(a.entry.id), published: a.entry.published, subject: a.entry.subject },
    suspended: a.suspended,
    suspensionReason: a.suspensionReason,
  }));
}

function requireInitiatorOrAdmin(ctx: Context, entry: ListEntryRef): void {
  if (!canSeeFeedback(ctx.caller, entry.listedBy)) {
    throw forbidden(`feedback on list entry ${entry.id} is visible to its initiating department and to administrators only`);
  }
}

function isoInstant(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  // MySQL with dateStrings returns "YYYY-MM-DD HH:MM:SS" in UTC (the pool's timezone is Z).
  return /Z$|[+-]\d\d:\d\d$/.test(value) ? new Date(value).toISOString() : new Date(`${value.replace(' ', 'T')}Z`).toISOString();
}

export const resolvers: GraphQLResolverMap<Context> = {
  USCC,
  // A list entry's subject as the lists subgraph gave it through @requires: a key is all it carries.
  CreditSubject: {
    __resolveType: (s: { __typename?: string; uscc?: string }) => s.__typename ?? (s.uscc ? 'LegalPerson' : 'NaturalPerson'),
  },
  // The annual report's implementation table (000 item 29); PlatformReport is stats:read throughout.
  PlatformReport: {
    __resolveReference: (ref: { year: number }) => ({ year: checkYear(ref.year) }),
    measureImplementation: (r: { year: number }, _: unknown, ctx: Context) => measureImplementation(ctx.db, r.year),
  },
  Query: {
    measure: (_: unknown, { id }: { id: string }, ctx: Context) => measureById(ctx, id),
    measures: async (_: unknown, { filter }: { filter?: MeasureFilter | null }, ctx: Context) =>
      (await ctx.loaders.catalogue()).measures.filter((m) => matchesFilter(m, filter ?? {})),
    measureCatalogue: async (_: unknown, __: unknown, ctx: Context) => {
      const row = await latestImport(ctx.db);
      return row && { version: row.version, checksum: row.checksum, measureCount: row.measureCount, importedAt: isoInstant(row.importedAt) };
    },
  },
  Mutation: {
    recordMeasureFeedback: async (_: unknown, { input }: { input: FeedbackInput }, ctx: Context) =>
      recordFeedback(ctx.db, await ctx.loaders.catalogue(), ctx.caller, input, today(), (id) => requireFeedbackTarget(ctx, id)),
  },
  Measure: {
    __resolveReference: (ref: { id: string }, ctx: Context) => measureById(ctx, ref.id),
    // stats:read (the SDL's @requiresScopes, re-checked by this subgraph) keeps the totals to administrators.
    feedbackTotals: (m: Measure, _: unknown, ctx: Context) => ctx.loaders.totalsByMeasure.load(m.id),
  },
  MeasureFeedback: {
    listEntry: (row: FeedbackRow) => listEntryRef(row.listEntryId),
    measure: (row: FeedbackRow, _: unknown, ctx: Context) => measureById(ctx, row.measureId),
    recordedAt: (row: FeedbackRow) => isoInstant(row.recordedAt),
  },
  MeasureFeedbackTotal: {
    measure: (total: FeedbackTotal, _: unknown, ctx: Context) => measureById(ctx, total.measureId),
  },
  ListEntry: {
    __resolveReference: (ref: ListEntryRef) => ref,
    measureFeedback: (entry: ListEntryRef, _: unknown, ctx: Context) => {
      requireInitiatorOrAdmin(ctx, entry);
      return ctx.loaders.feedbackByEntry.load(entry.id);
    },
    feedbackTotals: (entry: ListEntryRef, _: unknown, ctx: Context) => {
      requireInitiatorOrAdmin(ctx, entry);
      return ctx.loaders.totalsByEntry.load(entry.id);
    },
  },
  LegalPerson: {
    __resolveReference: (ref: PersonRef) => ref,
    applicableMeasures: applicable,
  },
  NaturalPerson: {
    __resolveReference: (ref: PersonRef) => ref,
    applicableMeasures: applicable,
  },
};
