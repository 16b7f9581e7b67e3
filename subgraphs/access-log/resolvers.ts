import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { SubjectRef } from '../kit/protocol/caller';
import { USCC } from '../kit/protocol/scalars';
import type { SubgraphContext } from '../kit/server/subgraph';
import type { Loaders } from './loaders';
import type { CreditReport } from './report';
import { checkPageArgs, encodeCursor, freshView, type AccessLogEntry, type PageArgs } from './read';

type Context = SubgraphContext<Loaders>;

interface Connection {
  subject: SubjectRef;
  args: PageArgs;
}

async function accessLog(subject: SubjectRef, args: { first?: number; after?: string }, ctx: Context): Promise<Connection> {
  const page = checkPageArgs(args);
  await freshView(ctx.db);
  return { subject, args: page };
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
    edges: async (c: Connection, _: unknown, ctx: Context) => (await page(c, ctx)).entries.map((node) => ({ cursor: encodeCursor(node), node })),
    pageInfo: async (c: Connection, _: unknown, ctx: Context) => {
      const { entries, hasNextPage } = await page(c, ctx);
      return { hasNextPage, endCursor: entries.length ? encodeCursor(entries[entries.length - 1]) : null };
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
  AccessLogEntry: {
    // Stored as UTC `YYYY-MM-DD HH:MM:SS.mmm`; answered as ISO 8601.
    at: (e: AccessLogEntry) => `${e.at.replace(' ', 'T')}Z`,
  },
};
