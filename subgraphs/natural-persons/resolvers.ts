import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GraphQLError } from 'graphql';
import { mayReadSubject } from '../kit/server/row-access';
import type { RowDecision } from '../kit/server/row-fields';
import { hasScope } from '../kit/protocol/caller';
import type { RecordPageArgs } from '../kit/credit-records/read';
import { requireInternalService } from '../kit/server/internal-service';
import { forbidden } from '../kit/protocol/errors';
import { checkBatch } from '../kit/protocol/limits';
import { decryptIdNumber, naturalPersonId } from '../kit/protocol/pseudonym';
import { ResidentIdNumber } from '../kit/protocol/scalars';
import { Scope } from '../kit/protocol/scopes';
import type { SubgraphContext } from '../kit/server/subgraph';
import { today } from '../kit/calendar/clock';
import { creditRecordResolvers } from '../kit/credit-records/resolvers';
import { withdrawCreditRecord } from '../kit/credit-records/withdraw';
import type { NaturalPersonRow } from './entities';
import { shownIdNumber } from './id-number';
import { ingestRecords, type NaturalPersonRecordInput } from './ingest-records';
import { registerPerson, registerPersons, type PersonRegistration } from './register-persons';
import { recordStatuses, type RecordDigestInput } from './record-statuses';
import type { Loaders } from './loaders';
import { recordsByCategory } from '../kit/credit-records/category-counts';
import { checkYear } from '../kit/statistics/report-year';

type Context = SubgraphContext<Loaders>;

const readableBy = (ctx: Context, row: { id: string }) => mayReadSubject(ctx.caller, { type: 'NATURAL_PERSON', id: row.id }, false);

/**
 * Id numbers are never stored or compared in the clear: they are looked up by their keyed hash. A person
 * the caller may not read is FORBIDDEN whether or not the platform knows it, decided before the lookup:
 * answering an unknown number null and a known one FORBIDDEN would tell who is in the population registry.
 */
async function byIdNumber(ctx: Context, idNumber: string): Promise<NaturalPersonRow | null | GraphQLError> {
  const id = naturalPersonId(ctx.keys.subjectKey, idNumber);
  if (!readableBy(ctx, { id })) return forbidden(`${ctx.caller.clientId ?? 'the caller'} may not read this natural person`);
  return ctx.loaders.naturalPerson.load(id);
}

const isSelf = (ctx: Context, row: NaturalPersonRow) => ctx.caller.subject?.type === 'NATURAL_PERSON' && ctx.caller.subject.id === row.id;

/** Row decisions for kit/row-fields: every field of NaturalPerson (a non-public type) asks first. */
export const rowDecisions: Record<string, RowDecision<Context>> = {
  NaturalPerson: (row: NaturalPersonRow, ctx) => readableBy(ctx, row),
  // A record's non-public fields (its changes, its linkage) follow its person's row rule, however the record was reached.
  CreditRecord: (row: { subjectId: string }, ctx) => readableBy(ctx, { id: row.subjectId }),
  LinkedPerson: (row: { subjectId: string }, ctx) => readableBy(ctx, { id: row.subjectId }),
};

export const resolvers: GraphQLResolverMap<Context> = {
  ResidentIdNumber,
  Query: {
    naturalPerson: (_: unknown, { idNumber }: { idNumber: string }, ctx: Context) => byIdNumber(ctx, idNumber),
    naturalPersons: (_: unknown, { idNumbers }: { idNumbers: string[] }, ctx: Context) => {
      checkBatch('idNumbers', idNumbers);
      return Promise.all(idNumbers.map((n) => byIdNumber(ctx, n)));
    },
    registeredNaturalPersons: async (_: unknown, { ids }: { ids: string[] }, ctx: Context) => {
      requireInternalService(ctx.caller, 'registeredNaturalPersons');
      checkBatch('ids', ids);
      return (await ctx.loaders.naturalPerson.loadMany(ids)).filter((row): row is NaturalPersonRow => !!row && !(row instanceof Error)).map((row) => row.id);
    },
    naturalPersonRecordStatuses: (_: unknown, { records }: { records: RecordDigestInput[] }, ctx: Context) => {
      // Only legal-persons asks, before forwarding records; @inaccessible hides it from the gateway too.
      requireInternalService(ctx.caller, 'naturalPersonRecordStatuses');
      return recordStatuses(ctx.db, records);
    },
  },
  CreditRecord: {
    ...creditRecordResolvers.CreditRecord,
    linkedPersons: () => [],
    // Whose record it is, wherever it appears: the gateway's access log reads it.
    subject: (row: { subjectId: string }) => ({ __typename: 'NaturalPerson', id: row.subjectId }),
  },
  Mutation: {
    applyCreditRecordDecision: creditRecordResolvers.applyCreditRecordDecision,
    withdrawNaturalPersonCreditRecord: (_: unknown, a: { id: string; reason: string }, ctx: Context) => withdrawCreditRecord(ctx.db, ctx.caller, a.id, a.reason, today(), 'natural-person'),
    registerNaturalPerson: (_: unknown, p: PersonRegistration, ctx: Context) => registerPerson(ctx.db, ctx.keys.subjectKey, p),
    registerNaturalPersons: (_: unknown, { persons }: { persons: PersonRegistration[] }, ctx: Context) => {
      // Only the legal-persons outbox relay delivers here; @inaccessible hides it from the gateway too.
      requireInternalService(ctx.caller, 'registerNaturalPersons');
      return registerPersons(ctx.db, ctx.keys.subjectKey, persons);
    },
    ingestNaturalPersonCreditRecords: async (_: unknown, { records }: { records: NaturalPersonRecordInput[] }, ctx: Context) => {
      // Only the legal-persons outbox relay delivers here; @inaccessible hides it from the gateway too.
      requireInternalService(ctx.caller, 'ingestNaturalPersonCreditRecords');
      return ingestRecords(ctx.db, ctx.keys.subjectKey, records);
    },
  },
  // The annual report's natural-person records table (001); PlatformReport is stats:read throughout.
  PlatformReport: {
    __resolveReference: (ref: { year: number }) => ({ year: checkYear(ref.year) }),
    naturalPersonRecordsByCategory: (ref: { year: number }, _: unknown, ctx: Context) => recordsByCategory(ctx.db, ref.year, today()),
  },
  NaturalPerson: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.naturalPerson.load(ref.id),
    idNumber: (row: NaturalPersonRow, _: unknown, ctx: Context) =>
      // A person acting for itself sees its own full number; others need the full-number scope.
      shownIdNumber(decryptIdNumber(ctx.keys.subjectKey, row.idNumberEncrypted), hasScope(ctx.caller, Scope.FULL_ID_NUMBER) || isSelf(ctx, row)),
    creditRecords: (row: NaturalPersonRow, args: RecordPageArgs, ctx: Context) => ctx.loaders.records(args).load(row.id),
    dishonestRecordCount: (row: NaturalPersonRow, _: unknown, ctx: Context) => ctx.loaders.dishonestCount.load(row.id),
  },
};
