import { Kind } from 'graphql';
import { makeResidentId, makeUscc, maskResidentId, residentIdRuleBroken, usccRuleBroken } from '../../../../subgraphs/kit/protocol/codes';
import { ResidentIdNumber, USCC } from '../../../../subgraphs/kit/protocol/scalars';
import { Rng } from '../../../../subgraphs/kit/demo/rng';

// DOMAIN.md "Codes, exactly": the valid examples, the rules, and generated codes.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('USCC (GB 32100-2015)', () => {
  test.each(['91110000600037341L', '91110108551385082Q'])('%s is valid', (code) => expect(usccRuleBroken(code)).toBeNull());

  test('a wrong last character breaks the mod-31 check', () => {
    expect(usccRuleBroken('91110000600037341M')).toBe('USCC_CHECK_CHARACTER');
  });
  test('a wrong organization-code check character (position 17) is its own rule', () => {
    expect(usccRuleBroken('911100006000373X1L')).toBe('ORGANIZATION_CODE_CHECK_CHARACTER');
  });
  test('length and alphabet (no I, O, S, V, Z)', () => {
    expect(usccRuleBroken('91110000600037341')).toBe('LENGTH');
    expect(usccRuleBroken('9111000060003734IL')).toBe('ALPHABET');
  });
  test('position 1 may be a letter (A, N, Y are registration authorities)', () => {
    for (const authority of ['A', 'N', 'Y']) expect(usccRuleBroken(makeUscc(authority, '1', '310106', 'MA1K5R04'))).toBeNull();
  });
  test('1,000 generated codes pass, and every single-character change of the last one fails', () => {
    const rng = new Rng('uscc-test');
    for (let i = 0; i < 1000; i++) {
      const code = makeUscc(rng.pick(['1', '5', '9', 'Y']), rng.pick(['1', '2', '3']), String(rng.int(110000, 659999)), rng.chars(USCC_ALPHABET, 8));
      expect(usccRuleBroken(code)).toBeNull();
      const other = USCC_ALPHABET[(USCC_ALPHABET.indexOf(code[17]) + 1 + rng.int(0, 29)) % 31];
      expect(usccRuleBroken(code.slice(0, 17) + other)).toBe('USCC_CHECK_CHARACTER');
    }
  });
});

describe('resident identity number (GB 11643)', () => {
  test.each(['11010519491231002X', '440524188001010014'])('%s is valid', (id) => expect(residentIdRuleBroken(id)).toBeNull());

  test('a wrong check character, a date that does not exist, a letter in the body', () => {
    expect(residentIdRuleBroken('110105194912310021')).toBe('RESIDENT_ID_CHECK_CHARACTER');
    expect(residentIdRuleBroken(makeResidentId('110105', '19490229', '002').slice(0, 17) + '0')).toBe('BIRTH_DATE');
    expect(residentIdRuleBroken('1101051949123100AX')).toBe('ALPHABET');
    expect(residentIdRuleBroken('1101051949123100')).toBe('LENGTH');
  });
  test('1,000 generated numbers pass; their masked form shows 3 + 4 characters', () => {
    const rng = new Rng('rid-test');
    for (let i = 0; i < 1000; i++) {
      const birth = `${rng.int(1930, 2010)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
      const id = makeResidentId(String(rng.int(110000, 659999)), birth, String(rng.int(0, 999)).padStart(3, '0'));
      expect(residentIdRuleBroken(id)).toBeNull();
      expect(maskResidentId(id)).toMatch(new RegExp(`^${id.slice(0, 3)}\\*{11}${id.slice(14)}$`));
    }
  });
});

describe('the scalars', () => {
  test('accept valid codes, upper-casing a lower-case check letter', () => {
    expect(USCC.parseValue('91110000600037341l')).toBe('91110000600037341L');
    expect(ResidentIdNumber.parseLiteral({ kind: Kind.STRING, value: '11010519491231002x' })).toBe('11010519491231002X');
  });
  test('reject with BAD_USER_INPUT naming the field and the rule', () => {
    expect(() => USCC.parseValue('91110000600037341M')).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'USCC', rule: 'USCC_CHECK_CHARACTER' } }));
    expect(() => ResidentIdNumber.parseValue('11010519491331002X')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ rule: 'BIRTH_DATE' }) }));
    expect(() => USCC.parseValue(42)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ rule: 'TYPE' }) }));
    expect(() => USCC.parseLiteral({ kind: Kind.STRING, value: 'SHORT' })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ rule: 'USCC_LENGTH' }) }));
  });
});
