import type { SubjectRef } from '../../kit/protocol/caller';
import type { JurisdictionPolicy } from '../jurisdictions';

// Whether joint punishment on a list entry is suspended: only while an objection against it is open
// and only where the entry's jurisdiction says so (000 item 17; Pudong 16; not Jiyang, 002 四(三)).

export interface OpenObjection {
  id: string;
  filedOn: string;
}

export interface PunishmentSuspension {
  suspended: boolean;
  reason: string;
}

/**
 * Only objections about the entry's own subject count (defense in depth: filing takes the subject from
 * the entry, 000 item 17). An entry whose subject is unknown has nothing that counts.
 */
export function ofEntrySubject<O extends OpenObjection & { subjectType: string; subjectId: string }>(open: readonly O[], subject: SubjectRef | null): O[] {
  return subject ? open.filter((o) => o.subjectType === subject.type && o.subjectId === subject.id) : [];
}

function policyText(policy: JurisdictionPolicy): string {
  const effect = policy.suspendWhileVerifying ? 'suspended while verified' : 'punishment continues while verified';
  const where = policy.configured ? policy.division : `${policy.division} not configured, default`;
  return `${where}: ${effect}, ${policy.rule}`;
}

export function punishmentSuspension(open: readonly OpenObjection[], policy: JurisdictionPolicy): PunishmentSuspension {
  if (open.length === 0) return { suspended: false, reason: 'no objection under verification' };
  // The earliest open objection is the one named; any open one is enough.
  const first = [...open].sort((a, b) => a.filedOn.localeCompare(b.filedOn) || a.id.localeCompare(b.id))[0];
  const more = open.length > 1 ? ` and ${open.length - 1} more` : '';
  return { suspended: policy.suspendWhileVerifying, reason: `objection ${first.id}${more} under verification (${policyText(policy)})` };
}
