import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError } from 'graphql';
import { mayRead } from './access';
import { requireInternalService } from '../kit/server/internal-service';
import { mayReadSubject } from '../kit/server/row-access';
import type { RowDecision } from '../kit/server/row-fields';
import { associationOf, industryMeasureRecord, redListRecommendationRecord, storeMemberRecord, type IndustryMeasureInput, type RedListRecommendationInput } from './association-records';
import type { RecordPageArgs } from '../kit/credit-records/read';
import { today } from '../kit/calendar/clock';
import { isoDay } from '../kit/calendar/dates';
import { badInput, forbidden } from '../kit/protocol/errors';
import { checkBatch } from '../kit/protocol/limits';
import type { RecordInput } from '../kit/credit-records/input';
import { ResidentIdNumber, USCC } from '../kit/protocol/scalars';
import type { SubgraphContext } from '../kit/server/subgraph';
import type { CreditRecordRow } from '../kit/credit-records/entity';
import { creditRecordResolvers } from '../kit/credit-records/resolvers';
import type { LegalPersonRow } from './entities';
import { gradingPolicy } from './grading';
import type { Loaders } from './loaders';
import { supervisionGrade, type GradeFacts } from './rules/supervision-grade';
import { doublePublicityReport, type ReportArgs } from './double-publicity-report';
import { submitCreditRecords } from './submit-records';
import { informationCatalogue } from '../kit/credit-records/catalogue';
import { requireIsoDate } from '../kit/credit-records/input';
import { linkRecordPersons, registerLegalPerson, setAssociationMembership, updateLegalPerson, type RecordPersonInput, type RegisterLegalPersonInput, type UpdateLegalPersonInput } from './registry';
import { representativeOn } from './rules/representative-on';
import type { RepresentativeTermRow } from './entities';
import { withdrawCreditRecord } from '../kit/credit-records/withdraw';
import { checkYear, mayReadAssociationReport, reportAssociation, yearDays } from '../kit/statistics/report-year';
import { allRecordsByCategory, appliedMeasures, industryMeasuresApplied, legalPersonRecordsByCategory, memberRecordsByCategory, memberships, memberUsccs, publicationCounts, type AssociationRef, type ReportRef } from './statistics';

type Context = SubgraphContext<Loaders>;
/** A representation from the gateway may carry the lists subgraph's active entries (@requires). */
type LegalPersonRef = { uscc: string; activeListEntries?: GradeFacts['activeListEntries'] };

/** The row rule for one company, membership from this subgraph's table (one query per batch). */
async function callerMayRead(ctx: Context, uscc: string): Promise<boolean> {
  return mayRead(ctx.caller, uscc, ctx.caller.kind === 'ASSOCIATION' && (await ctx.loaders.isMember.load(uscc)));
}

/** The row, null when unknown, or a FORBIDDEN error (row-level rule) that nulls it with no data. */
async function readable(ctx: Context, uscc: string): Promise<LegalPersonRow | null | GraphQLError> {
  const row = await ctx.loaders.legalPerson.load(uscc);
  if (!row) return null;
  return (await callerMayRead(ctx, uscc)) ? row : forbidden(`${ctx.caller.clientId ?? 'the caller'} may not read legal person ${uscc}`);
}

/** Row decisions for kit/row-fields: every non-public field of these types asks them first. */
export const rowDecisions: Record<string, RowDecision<Context>> = {
  LegalPerson: (row: LegalPersonRow, ctx) => callerMayRead(ctx, row.uscc),
  NaturalPerson: (ref: { id: string }, ctx) => mayReadSubject(ctx.caller, { type: 'NATURAL_PERSON', id: ref.id }, false),
  // A record's non-public fields (its changes, who is linked to it) follow its company's row rule, however the record was reached.
  CreditRecord: (row: CreditRecordRow, ctx) => callerMayRead(ctx, row.subjectId),
  AssociationReport: (ref: AssociationRef, ctx) => mayReadAssociationReport(ctx.caller, ref.association),
  // Who is linked to a company's record, and who represented it when, is the company's: its row rule decides.
  LinkedPerson: (row: { subjectId: string }, ctx) => callerMayRead(ctx, row.subjectId),
  RepresentativeTerm: (row: RepresentativeTermRow, ctx) => callerMayRead(ctx, row.uscc),
};

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
    doublePublicityReport: (_: unknown, args: ReportArgs, ctx: Context) => doublePublicityReport(ctx.db, ctx.caller, args, today()),
    // The other subgraphs contribute their tables to the same entity (README "Statistics").
    platformReport: (_: unknown, { year }: { year: number }) => ({ year: checkYear(year) }),
    associationReport: (_: unknown, a: { year: number; association?: string | null }, ctx: Context) => ({ year: checkYear(a.year), association: reportAssociation(ctx.caller, a.association) }),
    // 001 Art. 9: what the platform collects and who provides it; any authenticated client (SDL @authenticated).
    informationCatalogue: () => informationCatalogue().items,
  },
  PlatformReport: {
    __resolveReference: (ref: ReportRef) => ({ ...ref, year: checkYear(ref.year) }),
    from: (ref: ReportRef) => yearDays(ref.year).from,
    to: (ref: ReportRef) => yearDays(ref.year).to,
    legalPersonRecordsByCategory: (ref: ReportRef, _: unknown, ctx: Context) => legalPersonRecordsByCategory(ctx.db, ref.year, today()),
    recordsByCategory: (ref: ReportRef, _: unknown, ctx: Context) => allRecordsByCategory(ctx.db, ref, today()),
    doublePublicity: (ref: ReportRef, _: unknown, ctx: Context) => publicationCounts(ctx.db, ref.year, today()),
  },
  AssociationReport: {
    __resolveReference: (ref: AssociationRef) => ({ ...ref, year: checkYear(ref.year) }),
    industry: (ref: AssociationRef, _: unknown, ctx: Context) => (ctx.caller.org === ref.association ? ctx.caller.industry : null),
    memberUsccs: (ref: AssociationRef, _: unknown, ctx: Context) => memberUsccs(ctx.db, ref.association),
    memberships: (ref: AssociationRef, _: unknown, ctx: Context) => memberships(ctx.db, ref.association),
    memberCount: async (ref: AssociationRef, _: unknown, ctx: Context) => (await memberUsccs(ctx.db, ref.association)).length,
    members: async (ref: AssociationRef, _: unknown, ctx: Context) => (await ctx.loaders.legalPerson.loadMany(await memberUsccs(ctx.db, ref.association))).filter((r) => r && !(r instanceof Error)),
    recordsByCategory: (ref: AssociationRef, _: unknown, ctx: Context) => memberRecordsByCategory(ctx.db, ref, today()),
    industryMeasuresApplied: (ref: AssociationRef, _: unknown, ctx: Context) => industryMeasuresApplied(ctx.db, ref, today()),
    appliedMeasures: (ref: AssociationRef, { first }: { first: number }, ctx: Context) => appliedMeasures(ctx.db, ref, first, today()),
  },
  CreditRecord: {
    ...creditRecordResolvers.CreditRecord,
    // Whose record it is, wherever it appears (an association's report, a queue): the gateway's access log reads it.
    subject: (row: CreditRecordRow) => ({ __typename: 'LegalPerson', uscc: row.subjectId }),
    // 001 Art. 28: the representative in office when the behaviour was decided, and the persons the provider linked.
    linkedPersons: async (row: CreditRecordRow, _: unknown, ctx: Context) => {
      const [terms, persons] = await Promise.all([ctx.loaders.representativeTerms.load(row.subjectId), ctx.loaders.recordPersons.load(row.id)]);
      const rep = representativeOn(terms, row.decidedOn);
      return [
        ...(rep ? [{ role: 'LEGAL_REPRESENTATIVE', person: { __typename: 'NaturalPerson', id: rep.personId }, subjectId: row.subjectId }] : []),
        ...persons.map((p) => ({ role: p.role, person: { __typename: 'NaturalPerson', id: p.personId }, subjectId: row.subjectId })),
      ];
    },
  },
  RepresentativeTerm: {
    // A reference only: the person reaches natural-persons through the outbox, after this commit. Until then
    // natural-persons knows no such id, and `person` (nullable for this reason) is null with an error naming
    // NaturalPerson's field, instead of nulling the company and the whole mutation. This subgraph keeps no
    // name to fill in: the population registry is natural-persons' (one place for a person's data).
    person: (t: RepresentativeTermRow) => ({ __typename: 'NaturalPerson', id: t.personId }),
    // The company's row, as every other LegalPerson this subgraph returns (its fields resolve here, not through a fetch).
    legalPerson: (t: RepresentativeTermRow, _: unknown, ctx: Context) => ctx.loaders.legalPerson.load(t.uscc),
    from: (t: RepresentativeTermRow) => isoDay(t.fromOn),
    to: (t: RepresentativeTermRow) => (t.toOn ? isoDay(t.toOn) : null),
  },
  Mutation: {
    registerLegalPerson: (_: unknown, { input }: { input: RegisterLegalPersonInput }, ctx: Context) => registerLegalPerson(ctx.db, ctx.keys.subjectKey, input, today()),
    updateLegalPerson: (_: unknown, a: { uscc: string; input: UpdateLegalPersonInput }, ctx: Context) => updateLegalPerson(ctx.db, ctx.keys.subjectKey, a.uscc, a.input, today()),
    setAssociationMembership: (_: unknown, a: { associationOrg: string; uscc: string; member: boolean; on: string }, ctx: Context) =>
      setAssociationMembership(ctx.db, a.associationOrg, a.uscc, a.member, a.on, today()),
    linkRecordPersons: async (_: unknown, a: { recordId: string; persons: RecordPersonInput[] }, ctx: Context) => {
      await linkRecordPersons(ctx.db, ctx.keys.subjectKey, ctx.caller, a.recordId, a.persons, today());
      return ctx.loaders.recordById.load(a.recordId);
    },
    applyCreditRecordDecision: creditRecordResolvers.applyCreditRecordDecision,
    submitCreditRecords: (_: unknown, a: { records: RecordInput[]; atomic?: boolean | null }, ctx: Context) => submitCreditRecords(ctx.db, ctx.caller, a.records, a.atomic ?? false, ctx, today()),
    withdrawCreditRecord: (_: unknown, a: { id: string; reason: string }, ctx: Context) => withdrawCreditRecord(ctx.db, ctx.caller, a.id, a.reason, today(), 'legal-person'),
    // 000 item 18: checks in the order caller, input, membership; nothing is written before all pass.
    applyIndustryMeasure: (_: unknown, { input }: { input: IndustryMeasureInput }, ctx: Context) => {
      const [org, now] = [associationOf(ctx.caller), today()];
      return storeMemberRecord(ctx.db, org, industryMeasureRecord(org, input, now), now);
    },
    recommendForRedList: (_: unknown, { input }: { input: RedListRecommendationInput }, ctx: Context) => {
      const [org, now] = [associationOf(ctx.caller), today()];
      return storeMemberRecord(ctx.db, org, redListRecommendationRecord(org, input, now), now);
    },
  },
  LegalPerson: {
    __resolveReference: async (ref: LegalPersonRef, ctx: Context) => {
      const row = await readable(ctx, ref.uscc);
      // Keep what the gateway brought from the lists subgraph for supervisionGrade.
      return row && !(row instanceof GraphQLError) && ref.activeListEntries ? { ...row, activeListEntries: ref.activeListEntries } : row;
    },
    callerMayRead: (row: LegalPersonRow, _: unknown, ctx: Context) => callerMayRead(ctx, row.uscc),
    // The other subgraphs read memberships to apply the association row rule (kit/row-access subjectAccess).
    memberOf: async (row: LegalPersonRow, _: unknown, ctx: Context) => {
      requireInternalService(ctx.caller, 'LegalPerson.memberOf');
      return (await ctx.loaders.memberOf.load(row.uscc)).map((m) => m.associationOrg);
    },
    publicDecisions: (row: LegalPersonRow, args: RecordPageArgs, ctx: Context) => ctx.loaders.records({ first: args.first, after: args.after, publicDecisions: true }).load(row.uscc),
    legalRepresentative: (row: LegalPersonRow) => (row.legalRepresentativeId ? { __typename: 'NaturalPerson', id: row.legalRepresentativeId } : null),
    creditRecords: (row: LegalPersonRow, args: RecordPageArgs, ctx: Context) => ctx.loaders.records(args).load(row.uscc),
    legalRepresentativeHistory: (row: LegalPersonRow, _: unknown, ctx: Context) => ctx.loaders.representativeTerms.load(row.uscc),
    legalRepresentativeOn: async (row: LegalPersonRow, args: { date?: string | null }, ctx: Context) => {
      const date = args.date ?? today();
      requireIsoDate('date', date);
      const term = representativeOn(await ctx.loaders.representativeTerms.load(row.uscc), date);
      return term ? { __typename: 'NaturalPerson', id: term.personId } : null;
    },
    dishonestRecordCount: (row: LegalPersonRow, _: unknown, ctx: Context) => ctx.loaders.dishonestCount.load(row.uscc),
    // 003 items 7–9; the counts of a batch of companies are one grouped SELECT (dishonestCount loader).
    supervisionGrade: async (row: LegalPersonRow & Partial<LegalPersonRef>, _: unknown, ctx: Context) => {
      if (!row.activeListEntries) throw badInput('activeListEntries', 'REQUIRES_FIELD', 'supervisionGrade needs activeListEntries from the lists subgraph: query it through the gateway');
      const dishonestRecords = await ctx.loaders.dishonestCount.load(row.uscc);
      return supervisionGrade(gradingPolicy(), { dishonestRecords, activeListEntries: row.activeListEntries });
    },
  },
  NaturalPerson: {
    __resolveReference: (ref: { id: string }) => ref,
    // The companies a person represents, each under the row rule (a company the caller may not read is absent).
    representedLegalPersons: async (ref: { id: string }, _: unknown, ctx: Context) => {
      const rows = await ctx.loaders.representedBy.load(ref.id);
      const readableRows = await Promise.all(rows.map((row) => callerMayRead(ctx, row.uscc)));
      return rows.filter((_row, i) => readableRows[i]);
    },
    // Past terms too, so the lists' linkage follows the representative on an entry's decision day (001 Art. 28).
    representativeTerms: async (ref: { id: string }, _: unknown, ctx: Context) => {
      const terms = await ctx.loaders.termsHeldBy.load(ref.id);
      const readableTerms = await Promise.all(terms.map((t) => callerMayRead(ctx, t.uscc)));
      return terms.filter((_t, i) => readableTerms[i]);
    },
  },
};
