import { jurisdictionPolicies, parseJurisdictions } from '../../../subgraphs/objections/jurisdictions';
import { punishmentSuspension } from '../../../subgraphs/objections/rules/suspension';

describe('jurisdictions.yaml', () => {
  const policies = jurisdictionPolicies();

  test("Jing'an and Pudong suspend while an objection is verified; Jiyang does not and routes to the initiating department", () => {
    expect(policies.policyFor('310106')).toMatchObject({ configured: true, suspendWhileVerifying: true, listingObjectionsTo: 'PLATFORM', rule: '000 item 17' });
    expect(policies.policyFor('310115')).toMatchObject({ suspendWhileVerifying: true, rule: 'Pudong item 16' });
    expect(policies.policyFor('370115')).toMatchObject({ suspendWhileVerifying: false, listingObjectionsTo: 'INITIATING_DEPARTMENT', rule: '002 四(三)' });
  });

  test('001 Art. 31 deadlines: 5 to decide, 2 to forward, 5 for the provider; unknown divisions get the default', () => {
    expect(policies.policyFor('310106').deadlines).toEqual({ platformDecides: 5, forwardToProvider: 2, providerDecides: 5, repairDecides: 15 });
    expect(policies.policyFor('310112')).toMatchObject({ division: '310112', configured: false, suspendWhileVerifying: false, listingObjectionsTo: 'PLATFORM' });
    expect(policies.divisions()).toEqual(['310106', '310115', '370115']);
  });

  const file = (division: string) => `default:
  name: default
  suspendWhileVerifying: false
  listingObjectionsTo: PLATFORM
  rule: "001 Art. 31"
  deadlines: { platformDecides: 5, forwardToProvider: 2, providerDecides: 5, repairDecides: 15 }
divisions:
${division}`;

  test('errors name the file, line, key and rule', () => {
    expect(() => parseJurisdictions(file('  "31010": { name: x, rule: y }'), 'jurisdictions.yaml')).toThrow(/^jurisdictions\.yaml:\d+: divisions\.31010: .*DIVISION_CODE/);
    expect(() => parseJurisdictions(file('  "310106": { name: x, rule: y, suspendWhileVerifying: maybe }'))).toThrow(
      /jurisdictions\.yaml:8: divisions\.310106\.suspendWhileVerifying: /,
    );
    expect(() => parseJurisdictions(file('  "310106": { name: x, rule: y, deadlines: { forwardToProvider: 9 } }'))).toThrow(
      /divisions\.310106\.deadlines\.forwardToProvider: .*FORWARD_BEFORE_DECIDE/,
    );
    expect(() => parseJurisdictions(file('  "310106": { name: x, rule: y, listingObjectionsTo: COURT }'))).toThrow(/divisions\.310106\.listingObjectionsTo/);
  });
});

describe('punishmentSuspension', () => {
  const policies = jurisdictionPolicies();
  const open = [{ id: 'b-2', filedOn: '2026-06-25' }, { id: 'a-1', filedOn: '2026-06-24' }];

  test('suspended in Jing\'an while an objection is open, naming the earliest objection and the rule', () => {
    expect(punishmentSuspension(open.slice(1), policies.policyFor('310106'))).toEqual({
      suspended: true,
      reason: 'objection a-1 under verification (310106: suspended while verified, 000 item 17)',
    });
    expect(punishmentSuspension(open, policies.policyFor('310115')).reason).toBe('objection a-1 and 1 more under verification (310115: suspended while verified, Pudong item 16)');
  });

  test('not suspended in Jiyang, nor anywhere without an open objection', () => {
    expect(punishmentSuspension(open, policies.policyFor('370115'))).toMatchObject({ suspended: false, reason: expect.stringContaining('370115: punishment continues while verified, 002 四(三)') });
    expect(punishmentSuspension([], policies.policyFor('310106'))).toEqual({ suspended: false, reason: 'no objection under verification' });
    expect(punishmentSuspension(open, policies.policyFor('310112')).reason).toContain('310112 not configured, default');
  });
});
