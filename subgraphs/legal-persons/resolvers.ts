import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GraphQLError } from 'graphql';
import { mayRead } from './access';
import type { RecordPageArgs } from '../kit/credit-records';
import { today } from '../kit/clock';
import { forbidden, RuleViolation } from '../kit/errors';
import { checkBatch } from '../kit/limits';
import type { RecordInput } from '../kit/record-input';
import { ResidentIdNumber, USCC } from '../kit/scalars';
import type { SubgraphContext } from '../kit/subgraph';
import type { LegalPersonRow } from './entities';
import type { Loaders } from './loaders';
import { submitCreditRecords } from './submit-records';

type Context = SubgraphContext<Loaders>;

/** The row, null when unknown, or a FORBIDDEN error (row-level rule) that nulls it with no data. */
async function readable(ctx: Context, uscc: string): Promise<LegalPersonRow | null | GraphQLError> {
  const row = await ctx.loaders.legalPerson.load(uscc);
  if (!row) return null;
  const member = ctx.caller.kind === 'ASSOCIATION' ? await ctx.loaders.isMember.load(uscc) : false;
  return mayRead(ctx.caller, uscc, member) ? row : forbidden(`${ctx.caller.clientId ?? 'the caller'} may not read legal person ${uscc}`);
}

export const resolvers: GraphQLResolverMap<Context> = {
  USCC,
  ResidentIdNumber,
  Query: {
    legalPerson: (_: unknown, { uscc }: { uscc: string }, ctx: Context) => readable(ctx, uscc),
    legalPersons: (_: unknown, { usccs }: { usccs: string[] }, ctx: Context) => {
      checkBatch('usccs', usccs);
      // An Error in a list position nulls that item alone and reports it with its index.
      return Promise.all(usccs.map((uscc) => readable(ctx, uscc)));
    },
  },
  Mutation: {
    submitCreditRecords: async (_: unknown, { records }: { records: RecordInput[] }, ctx: Context) => {
      try {
        return await submitCreditRecords(ctx.db, records, today());
      } catch (e) {
        throw e instanceof RuleViolation ? e.toGraphQLError() : e;
      }
    },
  },
  LegalPerson: {
    __resolveReference: (ref: { uscc: string }, ctx: Context) => readable(ctx, ref.uscc),
    callerMayRead: async (row: LegalPersonRow, _: unknown, ctx: Context) =>
      mayRead(ctx.caller, row.uscc, ctx.caller.kind === 'ASSOCIATION' && (await ctx.loaders.isMember.load(row.uscc))),
    publicDecisions: (row: LegalPersonRow, args: RecordPageArgs, ctx: Context) => ctx.loaders.records({ first: args.first, after: args.after, publicDecisions: true }).load(row.uscc),
    legalRepresentative: (row: LegalPersonRow) => (row.legalRepresentativeId ? { __typename: 'NaturalPerson', id: row.legalRepresentativeId } : null),
    creditRecords: (row: LegalPersonRow, args: RecordPageArgs, ctx: Context) => ctx.loaders.records(args).load(row.uscc),
    dishonestRecordCount: (row: LegalPersonRow, _: unknown, ctx: Context) => ctx.loaders.dishonestCount.load(row.uscc),
  },
  NaturalPerson: {
    __resolveReference: (ref: { id: string }) => ref,
    representedLegalPersons: (ref: { id: string }, _: unknown, ctx: Context) => ctx.loaders.representedBy.load(ref.id),
  },
};
