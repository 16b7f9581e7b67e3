import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { hasScope } from '../kit/protocol/caller';
import { forbidden } from '../kit/protocol/errors';
import { isSelfOrNotSubject } from '../kit/server/row-access';
import { today } from '../kit/calendar/clock';
import type { RecordPageArgs } from '../kit/credit-records/read';
import { requireInternalService } from '../kit/server/internal-service';
import { checkBatch } from '../kit/protocol/limits';
import { decryptIdNumber, naturalPersonId } from '../kit/protocol/pseudonym';
import { ResidentIdNumber } from '../kit/protocol/scalars';
import { Scope } from '../kit/protocol/scopes';
import type { SubgraphContext } from '../kit/server/subgraph';
import type { NaturalPersonRow } from './entities';
import { shownIdNumber } from './id-number';
import { ingestRecords, type NaturalPersonRecordInput } from './ingest-records';
import type { Loaders } from './loaders';

type Context = SubgraphContext<Loaders>;

/** Id numbers are never stored or compared in the clear: they are looked up by their keyed hash. */
function byIdNumber(ctx: Context, idNumber: string) {
  return readable(ctx, ctx.loaders.naturalPerson.load(naturalPersonId(ctx.keys.subjectKey, idNumber)));
}

/** 001 Art. 15, 29: a person acting for itself reads itself only; the error takes the row's place (a batch keeps the others). */
async function readable(ctx: Context, row: Promise<NaturalPersonRow | null>): Promise<NaturalPersonRow | null | Error> {
  const found = await row;
  if (found && !isSelfOrNotSubject(ctx.caller, { type: 'NATURAL_PERSON', id: found.id })) {
    return forbidden(`${ctx.caller.clientId} acts for itself only and may not read another natural person`);
  }
  return found;
}

const isSelf = (ctx: Context, row: NaturalPersonRow) => ctx.caller.subject?.type === 'NATURAL_PERSON' && ctx.caller.subject.id === row.id;

export const resolvers: GraphQLResolverMap<Context> = {
  ResidentIdNumber,
  Query: {
    naturalPerson: (_: unknown, { idNumber }: { idNumber: string }, ctx: Context) => byIdNumber(ctx, idNumber),
    naturalPersons: (_: unknown, { idNumbers }: { idNumbers: string[] }, ctx: Context) => {
      checkBatch('idNumbers', idNumbers);
      return Promise.all(idNumbers.map((n) => byIdNumber(ctx, n)));
    },
  },
  Mutation: {
    ingestNaturalPersonCreditRecords: async (_: unknown, { records }: { records: NaturalPersonRecordInput[] }, ctx: Context) => {
      // Only the legal-persons outbox relay delivers here; @inaccessible hides it from the gateway too.
      requireInternalService(ctx.caller, 'ingestNaturalPersonCreditRecords');
      return ingestRecords(ctx.db, ctx.keys.subjectKey, records, today());
    },
  },
  NaturalPerson: {
    __resolveReference: (ref: { id: string }, ctx: Context) => readable(ctx, ctx.loaders.naturalPerson.load(ref.id)),
    idNumber: (row: NaturalPersonRow, _: unknown, ctx: Context) =>
      // A person acting for itself sees its own full number; others need the full-number scope.
      shownIdNumber(decryptIdNumber(ctx.keys.subjectKey, row.idNumberEncrypted), hasScope(ctx.caller, Scope.FULL_ID_NUMBER) || isSelf(ctx, row)),
    creditRecords: (row: NaturalPersonRow, args: RecordPageArgs, ctx: Context) => ctx.loaders.records(args).load(row.id),
    dishonestRecordCount: (row: NaturalPersonRow, _: unknown, ctx: Context) => ctx.loaders.dishonestCount.load(row.id),
  },
};
