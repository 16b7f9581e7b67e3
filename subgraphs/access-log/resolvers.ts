import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { SubjectRef } from '../kit/protocol/caller';
import { USCC } from '../kit/protocol/scalars';
import type { SubgraphContext } from '../kit/server/subgraph';
import type { Loaders } from './loaders';
import type { CreditReport } from './report';
import { badInput } from '../kit/protocol/errors';
import { checkYear } from '../kit/statistics/report-year';
import { queriesByClientKind, queriesByMember, queriesByMonth, queriesByOrg, queriesByPurpose, type Member } from './statistics';
import type { SubjectType } from '../kit/protocol/caller';
import { cursorKey } from '../kit/server/cursor';
import { checkPageArgs, encodeCursor, freshView, type AccessLogEntry, type PageArgs } from './read';

type Context = SubgraphContext<Loaders>;

interface Connection {
  subject: SubjectRef;
  args: PageArgs;
}

async function accessLog(subject: SubjectRef, args: { first?: number; after?: string }, ctx: Context): Promise<Connection> {
  const page = checkPageArgs(args, cursorKey(ctx.keys.subjectKey));
  await freshView(ctx.db);
  return { subject, args: page };
}

interface Report { year: number }
interface MemberReport { association: string; year: number; memberships?: Member[] }

/** Without the @requires field the question cannot be answered: never count the whole log instead. */
function members(r: MemberReport): Member[] {
  if (!Array.isArray(r.memberships)) throw badInput('memberships', 'REQUIRES_FIELD', 'AssociationReport needs memberships from legal-persons: query it through the gateway');
  return r.memberships;
}

const page = (c: Connection, ctx: Context) => ctx.loaders.page(c.args).load(c.subject);

async function creditReport(subject: SubjectRef, ctx: Context): Promise<CreditReport> {
  await freshView(ctx.db);
  return ctx.loaders.report.load(subject);
}

export const resolvers: GraphQLResolverMap<Context> = {
  USCC,
  LegalPerson: {
    __resolveReference: (ref: { uscc: string }) => ref,
    accessLog: (ref: { uscc: string }, args: { first?: number; after?: string }, ctx: Context) => accessLog({ type: 'LEGAL_PERSON', id: ref.uscc }, args, ctx),
    creditReport: (ref: { uscc: string }, _: unknown, ctx: Context) => creditReport({ type: 'LEGAL_PERSON', id: ref.uscc }, ctx),
  },
  NaturalPerson: {
    __resolveReference: (ref: { id: string }) => ref,
    accessLog: (ref: { id: string }, args: { first?: number; after?: string }, ctx: Context) => accessLog({ type: 'NATURAL_PERSON', id: ref.id }, args, ctx),
    creditReport: (ref: { id: string }, _: unknown, ctx: Context) => creditReport({ type: 'NATURAL_PERSON', id: ref.id }, ctx),
  },
  AccessLogConnection: {
    edges: async (c: Connection, _: unknown, ctx: Context) => (await page(c, ctx)).entries.map((node) => ({ cursor: encodeCursor(cursorKey(ctx.keys.subjectKey), node), node })),
    pageInfo: async (c: Connection, _: unknown, ctx: Context) => {
      const { entries, hasNextPage } = await page(c, ctx);
      return { hasNextPage, endCursor: entries.length ? encodeCursor(cursorKey(ctx.keys.subjectKey), entries[entries.length - 1]) : null };
    },
    totalCount: (c: Connection, _: unknown, ctx: Context) => ctx.loaders.count.load(c.subject),
  },
  CreditReport: {
    // An entity reference: each section is the subject's own field, resolved by its subgraph with its guards.
    subject: (r: CreditReport) => (r.subject.type === 'LEGAL_PERSON' ? { __typename: 'LegalPerson', uscc: r.subject.id } : { __typename: 'NaturalPerson', id: r.subject.id }),
  },
  CreditSubject: {
    __resolveType: (s: { __typename: string }) => s.__typename,
  },
  // The annual report's query tables (001, application chapter); PlatformReport is stats:read throughout.
  PlatformReport: {
    __resolveReference: async (ref: { year: number }, ctx: Context) => (await freshView(ctx.db), { year: checkYear(ref.year) }),
    queriesByPurpose: (r: Report, a: { subjectType?: SubjectType | null }, ctx: Context) => queriesByPurpose(ctx.db, { year: r.year }, a.subjectType),
    queriesByClientKind: (r: Report, _: unknown, ctx: Context) => queriesByClientKind(ctx.db, { year: r.year }),
    queriesByOrg: (r: Report, a: { first: number }, ctx: Context) => queriesByOrg(ctx.db, { year: r.year }, a.first),
    queriesByMonth: (r: Report, _: unknown, ctx: Context) => queriesByMonth(ctx.db, { year: r.year }),
  },
  // Queries about an association's members on finished days, each from the day it joined (statistics.ts); the members come from legal-persons (@requires memberships).
  AssociationReport: {
    __resolveReference: async (ref: MemberReport, ctx: Context) => (await freshView(ctx.db), { ...ref, year: checkYear(ref.year) }),
    queriesByPurpose: (r: MemberReport, _: unknown, ctx: Context) => queriesByPurpose(ctx.db, { year: r.year, members: members(r) }),
    queriesByClientKind: (r: MemberReport, _: unknown, ctx: Context) => queriesByClientKind(ctx.db, { year: r.year, members: members(r) }),
    queriesByMonth: (r: MemberReport, _: unknown, ctx: Context) => queriesByMonth(ctx.db, { year: r.year, members: members(r) }),
    queriesByMember: (r: MemberReport, _: unknown, ctx: Context) => queriesByMember(ctx.db, r.year, members(r)),
  },
  AccessLogEntry: {
    // Stored as UTC `YYYY-MM-DD HH:MM:SS.mmm`; answered as ISO 8601.
    at: (e: AccessLogEntry) => `${e.at.replace(' ', 'T')}Z`,
  },
};
