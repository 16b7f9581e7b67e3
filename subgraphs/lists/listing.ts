import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Caller, SubjectRef } from '../kit/protocol/caller';
import { RuleViolation } from '../kit/protocol/errors';
import { requireIsoDate } from '../kit/credit-records/input';
import { actorOf, requireEntryManager, requireListingRight } from './authority';
import { ListEntryEntity, type ListEntryRow } from './entities';
import { validateListing, requirePastOrToday, type ListSubjectInput } from './listing-input';
import { blackExcludesRed } from './rules/black-excludes-red';
import { initialStatus, noticeRuleBroken } from './rules/notice-before-black';
import { effectiveStatus, isActive } from './rules/status';
import { noticeStatusRuleBroken } from './rules/transitions';
import type { PeriodPolicy } from './rules/periods';
import { displaceReds, lockedEntry, openEntriesOf, recordEvent, setStatus } from './store';

// Listing (000 items 10, 22–23): the initiating department determines the target and publishes
// the entry. Authorization, validation and the list rules all pass before the one transaction commits.

export async function listSubject(
  db: DataSource,
  caller: Caller,
  input: ListSubjectInput,
  policy: PeriodPolicy,
  today: string,
  requireRegistered: (subject: SubjectRef) => Promise<void>,
  requireOwnRecords: (subject: SubjectRef, ids: readonly string[]) => Promise<void>,
): Promise<ListEntryRow> {
  const { org, jurisdiction } = requireListingRight(caller, input.domain);
  const listing = validateListing(input, policy, today);
  const subject: SubjectRef = { type: listing.subjectType, id: listing.subjectId };
  await requireRegistered(subject);
  // Asked with the ids as given, so an error names the caller's index; before the transaction, so no lock waits on another subgraph.
  if (listing.recordIds) await requireOwnRecords(subject, input.recordIds ?? []);
  const status = initialStatus(listing.listType, listing.noticeServedOn);
  const entry: ListEntryRow = { id: randomUUID(), ...listing, listedBy: org, jurisdiction, status, endedOn: null, endReason: null, createdAt: new Date() };
  return db.transaction(async (m) => {
    const held = await openEntriesOf(m, listing.subjectId);
    // One entry per subject, list and domain at a time: a second one would double every measure.
    const twin = held.find((e) => e.listType === listing.listType && e.domain === listing.domain && ['ACTIVE', 'PENDING_NOTICE'].includes(effectiveStatus(e, today)));
    if (twin) throw new RuleViolation('input.subjectId', 'ALREADY_LISTED', `the subject already has ${twin.listType} entry ${twin.id} in domain ${twin.domain}`);
    const outcome = blackExcludesRed(listing.listType, status === 'ACTIVE', held.map((e) => ({ id: e.id, listType: e.listType, active: isActive(e, today) })));
    if (outcome.refused) {
      throw new RuleViolation('input.listType', outcome.rule, `000 items 14, 36: a subject on the black list (entry ${outcome.blockingEntryId}) cannot be added to the red list`);
    }
    await m.getRepository(ListEntryEntity).insert(entry);
    await recordEvent(m, entry.id, null, status, { event: 'LISTED', reason: listing.basis, actorOrg: org, onDate: today });
    await displaceReds(m, outcome.displace, entry, org, today);
    return entry;
  });
}

/** National rules: the BLACK entry takes effect once the party has been told reasons, basis and rights. */
export async function recordListingNotice(db: DataSource, caller: Caller, id: string, servedOn: string, today: string): Promise<ListEntryRow> {
  requireIsoDate('servedOn', servedOn);
  requirePastOrToday('servedOn', servedOn, today, 'NOTICE_IN_FUTURE');
  return db.transaction(async (m) => {
    const entry = await lockedEntry(m, id);
    requireEntryManager(caller, entry);
    const rule = noticeStatusRuleBroken(effectiveStatus(entry, today));
    if (rule) throw new RuleViolation('id', rule, `list entry ${id} is ${effectiveStatus(entry, today)}, not waiting for its notice`);
    if (noticeRuleBroken(servedOn, entry.decidedOn, today)) throw new RuleViolation('servedOn', 'NOTICE_AFTER_DECISION', `servedOn ${servedOn} is after the decision (${entry.decidedOn}): the party is told before`);
    const actorOrg = actorOf(caller);
    const held = await openEntriesOf(m, entry.subjectId);
    const outcome = blackExcludesRed(entry.listType, true, held.map((e) => ({ id: e.id, listType: e.listType, active: isActive(e, today) })));
    const active = await setStatus(m, entry, { status: 'ACTIVE', noticeServedOn: servedOn }, { event: 'NOTICE_SERVED', reason: `notice served on ${servedOn}`, actorOrg, onDate: today });
    if (!outcome.refused) await displaceReds(m, outcome.displace, active, actorOrg, today);
    return active;
  });
}
