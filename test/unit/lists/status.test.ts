import { effectiveStatus, isActive } from '../../../subgraphs/lists/rules/status';

// 002 四(四): the entry leaves the list on the day its period ends.
describe('effectiveStatus', () => {
  const active = { status: 'ACTIVE' as const, periodEndsOn: '2027-04-01' };

  test('the day before periodEndsOn it is ACTIVE', () => {
    expect(effectiveStatus(active, '2027-03-31')).toBe('ACTIVE');
    expect(isActive(active, '2027-03-31')).toBe(true);
  });

  test('on periodEndsOn and after it is EXPIRED and not active', () => {
    expect(effectiveStatus(active, '2027-04-01')).toBe('EXPIRED');
    expect(effectiveStatus(active, '2030-01-01')).toBe('EXPIRED');
    expect(isActive(active, '2027-04-01')).toBe(false);
  });

  test('a pending notice also runs out with its period', () => {
    expect(effectiveStatus({ status: 'PENDING_NOTICE', periodEndsOn: '2027-04-01' }, '2027-03-31')).toBe('PENDING_NOTICE');
    expect(effectiveStatus({ status: 'PENDING_NOTICE', periodEndsOn: '2027-04-01' }, '2027-04-01')).toBe('EXPIRED');
  });

  test('removed and revoked entries keep their status after the period', () => {
    expect(effectiveStatus({ status: 'REMOVED', periodEndsOn: '2027-04-01' }, '2028-01-01')).toBe('REMOVED');
    expect(effectiveStatus({ status: 'REVOKED', periodEndsOn: '2027-04-01' }, '2028-01-01')).toBe('REVOKED');
  });

  test('an entry without a period end never expires by itself', () => {
    expect(effectiveStatus({ status: 'ACTIVE', periodEndsOn: null }, '2099-12-31')).toBe('ACTIVE');
  });
});
