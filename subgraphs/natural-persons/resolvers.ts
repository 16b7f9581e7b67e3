import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { hasScope } from '../kit/protocol/caller';
import { today } from '../kit/calendar/clock';
import type { RecordPageArgs } from '../kit/credit-records/read';
import { forbidden } from '../kit/protocol/errors';
import { checkBatch } from '../kit/protocol/limits';
import { decryptIdNumber, naturalPersonId } from '../kit/protocol/pseudonym';
import { ResidentIdNumber } from '../kit/protocol/scalars';
import { Scope } from '../kit/protocol/scopes';
import type { SubgraphContext } from '../kit/server/subgraph';
import { creditRecordResolvers } from '../kit/credit-records/resolvers';
import type { NaturalPersonRow } from './entities';
import { shownIdNumber } from './id-number';
import { ingestRecords, type NaturalPersonRecordInput } from './ingest-records';
import type { Loaders } from './loaders';

type Context = SubgraphContext<Loaders>;

/** Id numbers are never stored or compared in the clear: they are looked up by their keyed hash. */
function byIdNumber(ctx: Context, idNumber: string) {
  return ctx.loaders.naturalPerson.load(naturalPersonId(ctx.keys.subjectKey, idNumber));
}

export const resolvers: GraphQLResolverMap<Context> = {
  ResidentIdNumber,
  Query: {
    naturalPerson: (_: unknown, { idNumber }: { idNumber: string }, ctx: Context) => byIdNumber(ctx, idNumber),
    naturalPersons: (_: unknown, { idNumbers }: { idNumbers: string[] }, ctx: Context) => {
      checkBatch('idNumbers', idNumbers);
      return Promise.all(idNumbers.map((n) => byIdNumber(ctx, n)));
    },
  },
  CreditRecord: creditRecordResolvers.CreditRecord,
  Mutation: {
    applyCreditRecordDecision: creditRecordResolvers.applyCreditRecordDecision,
    ingestNaturalPersonCreditRecords: async (_: unknown, { records }: { records: NaturalPersonRecordInput[] }, ctx: Context) => {
      // Only the legal-persons outbox relay delivers here; @inaccessible hides it from the gateway too.
      if (ctx.caller.kind !== 'SERVICE' || !hasScope(ctx.caller, Scope.INTERNAL)) throw forbidden('ingestNaturalPersonCreditRecords is for internal service calls only');
      return ingestRecords(ctx.db, ctx.keys.subjectKey, records, today());
    },
  },
  NaturalPerson: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.naturalPerson.load(ref.id),
    idNumber: (row: NaturalPersonRow, _: unknown, ctx: Context) =>
      shownIdNumber(decryptIdNumber(ctx.keys.subjectKey, row.idNumberEncrypted), hasScope(ctx.caller, Scope.FULL_ID_NUMBER)),
    creditRecords: (row: NaturalPersonRow, args: RecordPageArgs, ctx: Context) => ctx.loaders.records(args).load(row.id),
    dishonestRecordCount: (row: NaturalPersonRow, _: unknown, ctx: Context) => ctx.loaders.dishonestCount.load(row.id),
  },
};
