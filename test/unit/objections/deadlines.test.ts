import { workingDayCalendar } from '../../../subgraphs/kit/calendar/working-days';
import { jurisdictionPolicies, parseJurisdictions } from '../../../subgraphs/objections/jurisdictions';
import { decideByAfterForward, forwardedLate, isOverdue, repairDecideBy, stepOnFiling } from '../../../subgraphs/objections/rules/deadlines';

const calendar = workingDayCalendar();
const policies = jurisdictionPolicies();

describe('objection deadlines (001 Art. 31)', () => {
  test('filed with the platform: decide within 5 working days, forward within 2', () => {
    // Wed 2026-09-30 before Golden Week: Oct 8, 9, Sat Oct 10 (调休), Oct 12, Oct 13.
    expect(stepOnFiling('2026-09-30', 'LIST_ENTRY', policies.policyFor('310106'), calendar)).toEqual({
      status: 'FILED', decideBy: '2026-10-13', forwardBy: '2026-10-09', forwardedOn: null,
    });
    expect(stepOnFiling('2026-07-01', 'CREDIT_RECORD', policies.policyFor('default'), calendar).decideBy).toBe('2026-07-08');
  });

  test('Jiyang: an objection to a listing goes to the initiating department at once (002 四(三))', () => {
    expect(stepOnFiling('2026-07-01', 'LIST_ENTRY', policies.policyFor('370115'), calendar)).toEqual({
      status: 'FORWARDED', decideBy: '2026-07-08', forwardBy: null, forwardedOn: '2026-07-01',
    });
    // A record objection in Jiyang still goes to the platform.
    expect(stepOnFiling('2026-07-01', 'CREDIT_RECORD', policies.policyFor('370115'), calendar).status).toBe('FILED');
  });

  test('after forwarding the provider has 5 working days from the forwarding day', () => {
    expect(decideByAfterForward('2026-02-13', policies.policyFor('310106'), calendar)).toBe('2026-02-27');
  });

  test('overdue and late forwarding', () => {
    expect(isOverdue({ status: 'FILED', decideBy: '2026-07-08' }, '2026-07-09')).toBe(true);
    expect(isOverdue({ status: 'FILED', decideBy: '2026-07-08' }, '2026-07-08')).toBe(false);
    expect(isOverdue({ status: 'DECIDED', decideBy: '2026-07-08' }, '2027-01-01')).toBe(false);
    expect(forwardedLate({ forwardBy: '2026-07-03', forwardedOn: '2026-07-06' })).toBe(true);
    expect(forwardedLate({ forwardBy: '2026-07-03', forwardedOn: '2026-07-03' })).toBe(false);
  });
});

test("a repair application is decided within its entry's division's repairDecides, else the default's", () => {
  const own = parseJurisdictions(`
default: { name: 默认, suspendWhileVerifying: false, listingObjectionsTo: PLATFORM, rule: "001 Art. 31",
  deadlines: { platformDecides: 5, forwardToProvider: 2, providerDecides: 5, repairDecides: 15 } }
divisions:
  "310106": { name: 静安区, rule: "000 item 17", deadlines: { repairDecides: 10 } }
`);
  expect(repairDecideBy('2026-07-01', own.policyFor('310106'), calendar)).toBe(calendar.addWorkingDays('2026-07-01', 10));
  expect(repairDecideBy('2026-07-01', own.policyFor('310115'), calendar)).toBe(calendar.addWorkingDays('2026-07-01', 15));
  expect(repairDecideBy('2026-07-01', policies.policyFor('default'), calendar)).toBe('2026-07-22');
});
