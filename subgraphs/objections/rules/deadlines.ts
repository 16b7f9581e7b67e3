import type { JurisdictionPolicy } from '../jurisdictions';
import type { ObjectionStatus, ObjectionTargetType } from '../entities';

// Working-day deadlines of each objection step (001 Art. 31): the platform decides within 5 working
// days or forwards within 2; the provider then decides within 5. Jiyang sends objections to a listing
// to the initiating department first (002 四(三)), so that step starts at filing.

export interface Calendar {
  addWorkingDays(date: string, n: number): string;
}

export interface StepOnFiling {
  status: Extract<ObjectionStatus, 'FILED' | 'FORWARDED'>;
  decideBy: string;
  /** Last day to forward to the provider; null when the objection is not with the platform. */
  forwardBy: string | null;
  forwardedOn: string | null;
}

export function stepOnFiling(filedOn: string, targetType: ObjectionTargetType, policy: JurisdictionPolicy, calendar: Calendar): StepOnFiling {
  const { deadlines } = policy;
  if (targetType === 'LIST_ENTRY' && policy.listingObjectionsTo === 'INITIATING_DEPARTMENT') {
    // 002 四(三): "应当先向联合惩戒发起部门提出书面异议申请" — the initiating department decides.
    return { status: 'FORWARDED', decideBy: calendar.addWorkingDays(filedOn, deadlines.providerDecides), forwardBy: null, forwardedOn: filedOn };
  }
  return {
    status: 'FILED',
    decideBy: calendar.addWorkingDays(filedOn, deadlines.platformDecides),
    forwardBy: calendar.addWorkingDays(filedOn, deadlines.forwardToProvider),
    forwardedOn: null,
  };
}

/** 001 Art. 31: the provider decides within 5 working days of receiving the forwarded objection. */
export function decideByAfterForward(forwardedOn: string, policy: JurisdictionPolicy, calendar: Calendar): string {
  return calendar.addWorkingDays(forwardedOn, policy.deadlines.providerDecides);
}

/** A repair application is decided by the body that made the finding within repairDecides working days of the entry's division (its own, else the default). */
export function repairDecideBy(appliedOn: string, policy: JurisdictionPolicy, calendar: Calendar): string {
  return calendar.addWorkingDays(appliedOn, policy.deadlines.repairDecides);
}

/** An open objection whose current step's deadline has passed. */
export function isOverdue(row: { status: ObjectionStatus; decideBy: string }, today: string): boolean {
  return row.status !== 'DECIDED' && today > row.decideBy;
}

/** Forwarding after the 2-working-day window is still allowed (the provider must decide), but recorded as late. */
export function forwardedLate(row: { forwardBy: string | null; forwardedOn: string | null }): boolean {
  return row.forwardBy !== null && row.forwardedOn !== null && row.forwardedOn > row.forwardBy;
}
