import { makeResidentId, makeUscc } from '../../subgraphs/kit/protocol/codes';
import { startStack, type Stack } from '../support/stack';

// registerLegalPerson commits the company and its representative's term, and names the person to
// natural-persons through the outbox. Asked for legalRepresentativeHistory { person { name } } in the same
// mutation, the answer was {"data": null} with no `errors` (the non-null NaturalPerson.name of a person
// natural-persons did not know yet nulled the whole mutation; the reason only in extensions.valueCompletion),
// and a retry was CONFLICT ALREADY_REGISTERED. Now the company is answered, person null with its error.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack('e2e_register_pending_person');
}, 180_000);
afterAll(() => stack.stop());

const admin = { clientId: 'demo-admin', purpose: 'DAILY_SUPERVISION' };
const REGISTER = `mutation($i: RegisterLegalPersonInput!) { registerLegalPerson(input: $i) { uscc name legalRepresentativeHistory { from person { name } } } }`;

test('a registration that was committed is answered with the company, or with an error — never a bare null', async () => {
  const uscc = makeUscc('9', '1', '310106', 'HR000001');
  const input = {
    uscc, name: '上海对抗测试有限公司', organizationType: 'ENTERPRISE', registrationAuthority: '静安区市场监督管理局', adminDivision: '310106',
    establishedOn: '2020-01-01', legalRepresentative: { idNumber: makeResidentId('310106', '19750505', '051'), name: '赵五' },
  };
  const res = await stack.query(REGISTER, { variables: { i: input }, ...admin });
  const answered = { data: res.data, errors: res.errors?.map((e) => e.extensions?.code) ?? [] };
  const stored = await stack.query(`query($u: USCC!) { legalPerson(uscc: $u) { uscc } }`, { variables: { u: uscc }, ...admin });
  expect(stored.data.legalPerson).toEqual({ uscc });
  // The company is stored; the answer must say so (data) or say why not (errors).
  expect(answered.data?.registerLegalPerson != null || answered.errors.length > 0).toBe(true);
  // And the company is the answer: only the person natural-persons has not received yet is null, with an
  // error naming its field and subgraph (not an internal message).
  expect(res.data.registerLegalPerson).toMatchObject({ uscc, name: input.name, legalRepresentativeHistory: [{ from: '2020-01-01' }] });
  const pending = res.data.registerLegalPerson.legalRepresentativeHistory[0].person === null;
  // The relay polls each second: rarely, it delivers the person between the commit and the read.
  expect(pending ? res.errors : [res.data.registerLegalPerson.legalRepresentativeHistory[0].person]).toEqual(pending
    ? [expect.objectContaining({
        path: ['registerLegalPerson', 'legalRepresentativeHistory', 0, 'person', 'name'],
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'natural-persons', field: 'NaturalPerson.name' },
      })]
    : [{ name: '赵五' }]);
  expect(JSON.stringify(res.errors ?? [])).not.toMatch(/stack|Cannot return null/);
}, 60_000);
