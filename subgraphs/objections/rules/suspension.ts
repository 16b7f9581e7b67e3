import type { JurisdictionPolicy } from '../jurisdictions';

// Whether joint punishment on a list entry is suspended: only while an objection against it, or against
// a credit record it rests on, is open, and only where the entry's jurisdiction says so (000 item 17:
// "异议信息核查期间暂停联合惩戒"; Pudong 16; not Jiyang, 002 四(三)).

export interface OpenObjection {
  id: string;
  filedOn: string;
}

export interface PunishmentSuspension {
  suspended: boolean;
  reason: string;
}

/**
 * Defense in depth: an objection to the entry counts only when it is about the entry's own subject
 * (`SUBJECT_TYPE:id`, from the lists subgraph through @requires); filing takes the subject from the entry.
 */
export function aboutEntrySubject<O extends { subjectType: string; subjectId: string }>(open: readonly O[], subjectKey: string | undefined): O[] {
  return subjectKey ? open.filter((o) => `${o.subjectType}:${o.subjectId}` === subjectKey) : [];
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
