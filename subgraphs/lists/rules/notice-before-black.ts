import type { StoredStatus } from './status';

// National rules in force now: before a serious-dishonesty (BLACK) listing takes effect the party is
// told the reasons, the basis and its rights. Until that notice is recorded the entry is PENDING_NOTICE.
export function initialStatus(listType: string, noticeServedOn: string | null | undefined): StoredStatus {
  return listType === 'BLACK' && !noticeServedOn ? 'PENDING_NOTICE' : 'ACTIVE';
}

/** A notice can only be recorded once it has been served: not for a future day. */
export function noticeRuleBroken(servedOn: string, today: string): 'NOTICE_IN_FUTURE' | null {
  return servedOn > today ? 'NOTICE_IN_FUTURE' : null;
}
