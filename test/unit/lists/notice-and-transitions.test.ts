import { initialStatus, noticeRuleBroken } from '../../../subgraphs/lists/rules/notice-before-black';
import { decisionEffect, extensionStatusRuleBroken, noticeStatusRuleBroken, removalRuleBroken, revocationRuleBroken } from '../../../subgraphs/lists/rules/transitions';

describe('notice before a BLACK listing takes effect (national rules)', () => {
  test('BLACK without a notice waits; with a notice, or another list type, it is active', () => {
    expect(initialStatus('BLACK', null)).toBe('PENDING_NOTICE');
    expect(initialStatus('BLACK', '2026-09-01')).toBe('ACTIVE');
    expect(initialStatus('RED', null)).toBe('ACTIVE');
    expect(initialStatus('KEY_ATTENTION', undefined)).toBe('ACTIVE');
  });

  test('a notice cannot be recorded for a future day, and is served on or before the decision date', () => {
    expect(noticeRuleBroken('2026-09-02', '2026-09-02', '2026-09-01')).toBe('NOTICE_IN_FUTURE');
    expect(noticeRuleBroken('2026-09-01', '2026-09-01', '2026-09-01')).toBeNull();
    expect(noticeRuleBroken('2026-08-31', '2026-08-30', '2026-09-01')).toBe('NOTICE_AFTER_DECISION');
    expect(noticeRuleBroken('2026-08-30', '2026-08-30', '2026-09-01')).toBeNull();
  });

  test('only a pending entry accepts a notice', () => {
    expect(noticeStatusRuleBroken('PENDING_NOTICE')).toBeNull();
    expect(noticeStatusRuleBroken('ACTIVE')).toBe('NOT_PENDING_NOTICE');
    expect(noticeStatusRuleBroken('EXPIRED')).toBe('NOT_PENDING_NOTICE');
  });
});

describe('leaving the list (002 四(四); 001 Art. 31–32)', () => {
  test('removal needs an entry still on the list', () => {
    expect(removalRuleBroken('ACTIVE')).toBeNull();
    expect(removalRuleBroken('PENDING_NOTICE')).toBeNull();
    for (const s of ['EXPIRED', 'REMOVED', 'REVOKED'] as const) expect(removalRuleBroken(s)).toBe('NOT_ON_LIST');
  });

  test('revocation corrects any entry once', () => {
    for (const s of ['ACTIVE', 'PENDING_NOTICE', 'EXPIRED', 'REMOVED'] as const) expect(revocationRuleBroken(s)).toBeNull();
    expect(revocationRuleBroken('REVOKED')).toBe('ALREADY_REVOKED');
  });

  test('only an active entry is extended', () => {
    expect(extensionStatusRuleBroken('ACTIVE')).toBeNull();
    expect(extensionStatusRuleBroken('EXPIRED')).toBe('NOT_ACTIVE');
  });

  test('decisions delivered by the outbox apply or are no-ops, never errors', () => {
    expect(decisionEffect('ACTIVE', 'REMOVED')).toBe('APPLY');
    expect(decisionEffect('EXPIRED', 'REMOVED')).toBe('APPLY');
    expect(decisionEffect('REVOKED', 'REMOVED')).toBe('NOOP');
    expect(decisionEffect('REMOVED', 'REMOVED')).toBe('NOOP');
    expect(decisionEffect('REMOVED', 'REVOKED')).toBe('APPLY');
    expect(decisionEffect('REVOKED', 'REVOKED')).toBe('NOOP');
  });
});
