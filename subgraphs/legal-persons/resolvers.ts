import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { RecordPageArgs } from '../kit/credit-records';
import { today } from '../kit/clock';
import { RuleViolation } from '../kit/errors';
import { checkBatch } from '../kit/limits';
import type { RecordInput } from '../kit/record-input';
import { ResidentIdNumber, USCC } from '../kit/scalars';
import type { SubgraphContext } from '../kit/subgraph';
import type { LegalPersonRow } from './entities';
import type { Loaders } from './loaders';
import { submitCreditRecords } from './submit-records';

type Context = SubgraphContext<Loaders>;

async function loadAll(ctx: Context, usccs: string[]): Promise<(LegalPersonRow | null)[]> {
  return ctx.loaders.legalPerson.loadMany(usccs).then((rows) => rows.map((r) => (r instanceof Error ? null : r)));
}

export const resolvers: GraphQLResolverMap<Context> = {
  USCC,
  ResidentIdNumber,
  Query: {
    legalPerson: (_: unknown, { uscc }: { uscc: string }, ctx: Context) => ctx.loaders.legalPerson.load(uscc),
    legalPersons: (_: unknown, { usccs }: { usccs: string[] }, ctx: Context) => {
      checkBatch('usccs', usccs);
      return loadAll(ctx, usccs);
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
    __resolveReference: (ref: { uscc: string }, ctx: Context) => ctx.loaders.legalPerson.load(ref.uscc),
    legalRepresentative: (row: LegalPersonRow) => (row.legalRepresentativeId ? { __typename: 'NaturalPerson', id: row.legalRepresentativeId } : null),
    creditRecords: (row: LegalPersonRow, args: RecordPageArgs, ctx: Context) => ctx.loaders.records(args).load(row.uscc),
    dishonestRecordCount: (row: LegalPersonRow, _: unknown, ctx: Context) => ctx.loaders.dishonestCount.load(row.uscc),
  },
  NaturalPerson: {
    __resolveReference: (ref: { id: string }) => ref,
    representedLegalPersons: (ref: { id: string }, _: unknown, ctx: Context) => ctx.loaders.representedBy.load(ref.id),
  },
};
