import type { StoredStatus } from './status';

// National rules in force now: before a serious-dishonesty (BLACK) listing takes effect the party is
// told the reasons, the basis and its rights. Until that notice is recorded the entry is PENDING_NOTICE.
export function initialStatus(listType: string, noticeServedOn: string | null | undefined): StoredStatus {
  return listType === 'BLACK' && !noticeServedOn ? 'PENDING_NOTICE' : 'ACTIVE';
}

/** A notice is recorded once served (not for a future day), and the party is told before the decision: on or before its date. */
export function noticeRuleBroken(servedOn: string, decidedOn: string, today: string): 'NOTICE_IN_FUTURE' | 'NOTICE_AFTER_DECISION' | null {
  if (servedOn > today) return 'NOTICE_IN_FUTURE';
  return servedOn > decidedOn ? 'NOTICE_AFTER_DECISION' : null;
}

/**
 * A BLACK entry whose notice was never recorded has not taken effect — still PENDING_NOTICE, or ended or
 * expired before the party was told — so it is not published, whatever the department chose to publish.
 */
export function awaitsNotice(entry: { listType: string; noticeServedOn: string | null }): boolean {
  return entry.listType === 'BLACK' && !entry.noticeServedOn;
}
