import type DataLoader from 'dataloader';
import { hasScope } from '../protocol/caller';
import { forbidden } from '../protocol/errors';
import { Scope } from '../protocol/scopes';
import type { SubgraphContext } from '../server/subgraph';
import { applyRecordDecision, type RecordDecision } from './decision';
import type { RecordChangeRow } from './changes';
import type { CreditRecordRow } from './entity';

// The CreditRecord resolvers both person subgraphs share: the entity reference the objections
// subgraph reads (subject and provider, to check an objection) and the outbox mutation it delivers to.

type Context = SubgraphContext<{ recordById: DataLoader<string, CreditRecordRow | null>; recordChanges: DataLoader<string, RecordChangeRow[]> }>;

export const creditRecordResolvers = {
  CreditRecord: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.recordById.load(ref.id),
    subjectKey: (row: CreditRecordRow) => row.subjectId,
    changes: async (row: CreditRecordRow, _: unknown, ctx: Context) =>
      (await ctx.loaders.recordChanges.load(row.id)).map((c) => ({ on: c.changedOn, kind: c.kind, fields: c.fields ? c.fields.split(',') : [], reason: c.reason })),
  },
  applyCreditRecordDecision: (_: unknown, d: RecordDecision, ctx: Context) => {
    // Only an outbox relay delivers here; @inaccessible hides it from the gateway too.
    if (ctx.caller.kind !== 'SERVICE' || !hasScope(ctx.caller, Scope.INTERNAL)) throw forbidden('applyCreditRecordDecision is for internal service calls only');
    return applyRecordDecision(ctx.db, d);
  },
};
