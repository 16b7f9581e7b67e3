import { type DataSource } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { RuleViolation } from '../kit/protocol/errors';
import { requireIsoDate } from '../kit/credit-records/input';
import { actorOf, requireEntryManager } from './authority';
import { requireInternalService } from '../kit/server/internal-service';
import { ListEntryEntity, ListEntryEventEntity, type ListEntryRow } from './entities';
import { requireText } from './listing-input';
import { extensionRuleBroken, type PeriodPolicy } from './rules/periods';
import { effectiveStatus } from './rules/status';
import { decisionEffect, DECISION_STATUSES, extensionStatusRuleBroken, removalRuleBroken, revocationRuleBroken, type DecisionStatus } from './rules/transitions';
import { lockedEntry, recordEvent, restoreDisplacedReds, setStatus } from './store';
import { onceMoreOnLostRace } from '../kit/server/duplicate-key';

// How an entry changes after listing (002 四(四); 001 Art. 31–32; national court-list rule).

/** Court list: 2 years, extendable by 1–3 years; other domains up to the maximum in list-periods.yaml. */
export async function extendListEntry(db: DataSource, caller: Caller, id: string, periodEndsOn: string, reason: string, policy: PeriodPolicy, today: string): Promise<ListEntryRow> {
  requireIsoDate('periodEndsOn', periodEndsOn);
  // The event stores `<reason> (until YYYY-MM-DD)` in 500 characters.
  const why = requireText('reason', reason, 500 - ' (until YYYY-MM-DD)'.length);
  return db.transaction(async (m) => {
    const entry = await lockedEntry(m, id);
    requireEntryManager(caller, entry);
    const status = effectiveStatus(entry, today);
    const statusRule = extensionStatusRuleBroken(status);
    if (statusRule) throw new RuleViolation('id', statusRule, `list entry ${id} is ${status}; only an active entry can be extended`);
    const rule = extensionRuleBroken(policy, entry, periodEndsOn);
    if (rule) throw new RuleViolation('periodEndsOn', rule, `periodEndsOn ${periodEndsOn} breaks ${rule} for domain ${entry.domain} (current end ${entry.periodEndsOn})`);
    await m.getRepository(ListEntryEntity).update(entry.id, { periodEndsOn });
    await recordEvent(m, entry.id, entry.status, entry.status, { event: 'EXTENDED', reason: `${why} (until ${periodEndsOn})`, actorOrg: actorOf(caller), onDate: today });
    return { ...entry, periodEndsOn };
  });
}

export type Ending = 'REMOVED' | 'REVOKED';

/** Removal (e.g. the department ends it early) or revocation (the listing was wrong) by the listing department or the platform. */
export async function endListEntry(db: DataSource, caller: Caller, id: string, ending: Ending, reason: string, today: string): Promise<ListEntryRow> {
  const why = requireText('reason', reason, 500);
  return db.transaction(async (m) => {
    const entry = await lockedEntry(m, id);
    requireEntryManager(caller, entry);
    const status = effectiveStatus(entry, today);
    const rule = ending === 'REMOVED' ? removalRuleBroken(status) : revocationRuleBroken(status);
    if (rule) throw new RuleViolation('id', rule, `list entry ${id} is ${status} and cannot be ${ending.toLowerCase()}`);
    const ended = await setStatus(m, entry, { status: ending, endedOn: today, endReason: why }, { event: ending, reason: why, actorOrg: actorOf(caller), onDate: today });
    if (ending === 'REVOKED') await restoreDisplacedReds(m, ended, actorOf(caller), today);
    return ended;
  });
}

export interface Decision {
  id: string;
  status: string;
  reason: string;
  endedOn: string;
  decisionRef: string;
}

/**
 * Outbox delivery of a repair approval (REMOVED) or an upheld objection (REVOKED). Idempotent on
 * decisionRef: the event row carrying it is unique, so a second delivery changes nothing and returns true.
 */
export async function endListEntryByDecision(db: DataSource, caller: Caller, d: Decision, today: string): Promise<boolean> {
  requireInternalService(caller, 'endListEntryByDecision');
  if (!(DECISION_STATUSES as readonly string[]).includes(d.status)) throw new RuleViolation('status', 'DECISION_STATUS', 'status must be REMOVED (repair approved) or REVOKED (objection upheld)');
  requireIsoDate('endedOn', d.endedOn);
  const why = requireText('reason', d.reason, 500);
  const ref = requireText('decisionRef', d.decisionRef, 64);
  const target = d.status as DecisionStatus;
  // Two deliveries at once: the unique decision_ref lets one commit; the other runs again and finds it delivered.
  return onceMoreOnLostRace(() => db.transaction(async (m) => {
    if (await m.getRepository(ListEntryEventEntity).exists({ where: { decisionRef: ref } })) return true;
    const entry = await lockedEntry(m, d.id);
    const facts = { reason: why, actorOrg: actorOf(caller), onDate: today, decisionRef: ref };
    if (decisionEffect(effectiveStatus(entry, today), target) === 'NOOP') {
      await recordEvent(m, entry.id, entry.status, entry.status, { ...facts, event: 'DECISION_NOOP' });
    } else {
      const ended = await setStatus(m, entry, { status: target, endedOn: d.endedOn, endReason: why }, { ...facts, event: target });
      if (target === 'REVOKED') await restoreDisplacedReds(m, ended, facts.actorOrg, today);
    }
    return true;
  }));
}
