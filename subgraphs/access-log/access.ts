import type { Caller, SubjectRef } from '../kit/protocol/caller';
import type { RowDecision } from '../kit/server/row-fields';
import type { SubgraphContext } from '../kit/server/subgraph';
import type { Loaders } from './loaders';
import { mayReadAssociationReport } from '../kit/statistics/report-year';

// 001 Art. 29: a subject knows who queried it and why; the platform's operators audit every log.
// Anyone else is FORBIDDEN — stricter than the other subgraphs' row rule: who looked at a subject is
// itself non-public, even to the officials who may read the subject's records.
export function mayReadLog(caller: Caller, subject: SubjectRef): boolean {
  if (caller.kind === 'ADMIN') return true;
  return caller.kind === 'SUBJECT' && caller.subject?.type === subject.type && caller.subject.id === subject.id;
}

/** Row decisions for kit/row-fields: every non-public field of the two subject types asks first. */
export const rowDecisions: Record<string, RowDecision<SubgraphContext<Loaders>>> = {
  LegalPerson: (ref: { uscc: string }, ctx) => mayReadLog(ctx.caller, { type: 'LEGAL_PERSON', id: ref.uscc }),
  NaturalPerson: (ref: { id: string }, ctx) => mayReadLog(ctx.caller, { type: 'NATURAL_PERSON', id: ref.id }),
  AssociationReport: (ref: { association: string }, ctx) => mayReadAssociationReport(ctx.caller, ref.association),
};
