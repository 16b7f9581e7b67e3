import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { SubjectType } from '../kit/protocol/caller';
import { today } from '../kit/calendar/clock';
import { checkYear } from '../kit/statistics/report-year';
import { objectionStatsBySubjectType, totalStats } from './statistics';
import { subjectAccess } from '../kit/server/row-access';
import type { RowDecision } from '../kit/server/row-fields';
import { ownOnly, ownOrUnknown } from './access';
import { USCC } from '../kit/protocol/scalars';
import type { SubgraphContext } from '../kit/server/subgraph';
import { decideObjection, forwardObjection, reassignObjection } from './decide-objection';
import type { ObjectionOutcome, ObjectionRow, ObjectionStepRow, RepairApplicationRow } from './entities';
import { responsibleUnit } from './rules/objection-decision';
import { fileObjection, type FileObjectionInput } from './file-objection';
import { jurisdictionPolicies } from './jurisdictions';
import type { Loaders } from './loaders';
import { objectionQueue, repairQueue, type QueueArgs } from './work-queue';
import { cursorKey } from '../kit/server/cursor';
import type { RecordCorrection } from '../kit/credit-records/correction';
import { applyForRepair, decideRepair, type RepairApplicationInput } from './repair';
import { forwardedLate, isOverdue } from './rules/deadlines';
import { aboutEntrySubject, punishmentSuspension } from './rules/suspension';

type Context = SubgraphContext<Loaders>;
interface ListEntryRef {
  id: string;
  jurisdiction?: string;
  /** The credit records the listing rests on (lists subgraph, through @requires). */
  recordIds?: string[] | null;
  subjectKey?: string;
  callerMayRead?: boolean;
}

const subjectRule = (row: { subjectType: SubjectType; subjectId: string }, ctx: Context) => subjectAccess(ctx, 'objections').load({ type: row.subjectType, id: row.subjectId });

/** Row decisions for kit/row-fields: entries and companies bring theirs (@requires); objections, repairs and persons are decided here. */
export const rowDecisions: Record<string, RowDecision<Context>> = {
  ListEntry: (ref: ListEntryRef) => ref.callerMayRead === true,
  LegalPerson: (ref: { callerMayRead?: boolean }) => ref.callerMayRead === true,
  NaturalPerson: (ref: { id: string }, ctx) => subjectRule({ subjectType: 'NATURAL_PERSON', subjectId: ref.id }, ctx),
  Objection: subjectRule,
  RepairApplication: subjectRule,
  // Work queues (objectionQueue, repairQueue): an edge is read under the rule of the row it carries.
  ObjectionEdge: (edge: { node: ObjectionRow }, ctx) => subjectRule(edge.node, ctx),
  RepairApplicationEdge: (edge: { node: RepairApplicationRow }, ctx) => subjectRule(edge.node, ctx),
};

function subjectRef(row: { subjectType: SubjectType; subjectId: string }) {
  return row.subjectType === 'LEGAL_PERSON' ? { __typename: 'LegalPerson', uscc: row.subjectId } : { __typename: 'NaturalPerson', id: row.subjectId };
}

export const resolvers: GraphQLResolverMap<Context> = {
  USCC,
  // The annual report's objection table (001 Art. 31); PlatformReport is stats:read throughout.
  PlatformReport: {
    __resolveReference: (ref: { year: number }) => ({ year: checkYear(ref.year) }),
    objections: async (r: { year: number }, _: unknown, ctx: Context) => totalStats((await objectionStatsBySubjectType(ctx.db, r.year, today())).map((p) => p.stats)),
    objectionsBySubjectType: (r: { year: number }, _: unknown, ctx: Context) => objectionStatsBySubjectType(ctx.db, r.year, today()),
  },
  Query: {
    objection: async (_: unknown, { id }: { id: string }, ctx: Context) => ownOrUnknown(ctx.caller, await ctx.loaders.objection.load(id)),
    repairApplication: async (_: unknown, { id }: { id: string }, ctx: Context) => ownOrUnknown(ctx.caller, await ctx.loaders.repair.load(id)),
    objectionQueue: (_: unknown, args: QueueArgs, ctx: Context) => objectionQueue(ctx.db, ctx.caller, args, today(), cursorKey(ctx.keys.subjectKey)),
    repairQueue: (_: unknown, args: QueueArgs, ctx: Context) => repairQueue(ctx.db, ctx.caller, args, today(), cursorKey(ctx.keys.subjectKey)),
  },
  Mutation: {
    fileObjection: (_: unknown, { input }: { input: FileObjectionInput }, ctx: Context) => fileObjection(ctx.db, ctx.caller, ctx, input, today()),
    forwardObjection: (_: unknown, a: { id: string; provider?: string | null }, ctx: Context) => forwardObjection(ctx.db, ctx.caller, a.id, a.provider, today()),
    reassignObjection: (_: unknown, a: { id: string; to: string; reason: string }, ctx: Context) => reassignObjection(ctx.db, ctx.caller, a.id, a.to, a.reason, today()),
    decideObjection: (_: unknown, a: { id: string; outcome: ObjectionOutcome; note?: string | null; correction?: RecordCorrection | null }, ctx: Context) =>
      decideObjection(ctx.db, ctx.caller, a.id, a.outcome, a.note, a.correction, today()),
    applyForRepair: (_: unknown, { input }: { input: RepairApplicationInput }, ctx: Context) => applyForRepair(ctx.db, ctx.caller, ctx, input, today()),
    decideRepair: (_: unknown, a: { id: string; approve: boolean; reason?: string | null }, ctx: Context) =>
      decideRepair(ctx.db, ctx.caller, a.id, a.approve, a.reason, today()),
  },
  Objection: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.objection.load(ref.id),
    subject: (row: ObjectionRow) => subjectRef(row),
    overdue: (row: ObjectionRow) => isOverdue(row, today()),
    forwardedLate: (row: ObjectionRow) => forwardedLate(row),
    decidingUnit: (row: ObjectionRow) => (row.status === 'FORWARDED' ? responsibleUnit(row) : null),
    steps: (row: ObjectionRow, _: unknown, ctx: Context) => ctx.loaders.stepsOf.load(row.id),
  },
  ObjectionStep: {
    on: (row: ObjectionStepRow) => row.onDate,
  },
  RepairApplication: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.repair.load(ref.id),
    listEntry: (row: RepairApplicationRow) => (row.listEntryId ? { __typename: 'ListEntry', id: row.listEntryId } : null),
    subject: (row: RepairApplicationRow) => subjectRef(row),
    evidence: (row: RepairApplicationRow) => JSON.parse(row.evidence) as string[],
    overdue: (row: RepairApplicationRow) => row.status === 'PENDING' && row.decideBy !== null && today() > row.decideBy,
  },
  ListEntry: {
    __resolveReference: (ref: ListEntryRef) => ref,
    objections: async (ref: { id: string }, _: unknown, ctx: Context) => ownOnly(ctx.caller, await ctx.loaders.objectionsOfListEntry.load(ref.id)),
    repairApplications: async (ref: { id: string }, _: unknown, ctx: Context) => ownOnly(ctx.caller, await ctx.loaders.repairsOfListEntry.load(ref.id)),
    // 000 item 17; Pudong 16; 002 四(三): suspended only while an objection to the entry or to a record it
    // rests on is open, and only where the policy says so. Facts kept here or brought by @requires: no side call.
    punishmentSuspension: async (ref: ListEntryRef, _: unknown, ctx: Context) => {
      const [own, ...onRecords] = await Promise.all([ref.id, ...(ref.recordIds ?? [])].map((id) => ctx.loaders.openObjectionsOfTarget.load(id)));
      const onEntry = aboutEntrySubject(own.filter((o) => o.targetType === 'LIST_ENTRY'), ref.subjectKey);
      const open = [...onEntry, ...onRecords.flat().filter((o) => o.targetType === 'CREDIT_RECORD')];
      return punishmentSuspension(open, jurisdictionPolicies().policyFor(ref.jurisdiction ?? 'unknown'));
    },
  },
  LegalPerson: {
    __resolveReference: (ref: { uscc: string }) => ref,
    objections: (ref: { uscc: string }, _: unknown, ctx: Context) => ctx.loaders.objectionsOf.LEGAL_PERSON.load(ref.uscc),
    repairApplications: (ref: { uscc: string }, _: unknown, ctx: Context) => ctx.loaders.repairsOf.LEGAL_PERSON.load(ref.uscc),
  },
  NaturalPerson: {
    __resolveReference: (ref: { id: string }) => ref,
    objections: (ref: { id: string }, _: unknown, ctx: Context) => ctx.loaders.objectionsOf.NATURAL_PERSON.load(ref.id),
    repairApplications: (ref: { id: string }, _: unknown, ctx: Context) => ctx.loaders.repairsOf.NATURAL_PERSON.load(ref.id),
  },
};
