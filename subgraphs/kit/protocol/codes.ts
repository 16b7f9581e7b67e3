// Check-character rules for the two subject keys (DOMAIN.md "Codes, exactly").
// Each validator returns null when the code is valid, or the rule it breaks.

export type CodeRule =
  | 'LENGTH'
  | 'ALPHABET'
  | 'ORGANIZATION_CODE_CHECK_CHARACTER'
  | 'USCC_CHECK_CHARACTER'
  | 'BIRTH_DATE'
  | 'RESIDENT_ID_CHECK_CHARACTER';

// GB 32100-2015: no I, O, S, V, Z.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK = '10X98765432';

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

// GB 11714 organization code check over its 8 body characters (0-9, A=10 … Z=35).
export function organizationCodeCheckCharacter(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORG_WEIGHTS[i];
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export function usccRuleBroken(code: string): CodeRule | null {
  if (code.length !== 18) return 'LENGTH';
  for (const ch of code) if (!USCC_ALPHABET.includes(ch)) return 'ALPHABET';
  if (organizationCodeCheckCharacter(code.slice(8, 16)) !== code[16]) return 'ORGANIZATION_CODE_CHECK_CHARACTER';
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) return 'USCC_CHECK_CHARACTER';
  return null;
}

export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_WEIGHTS[i];
  return RESIDENT_CHECK[sum % 11];
}

export function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function residentIdRuleBroken(id: string): CodeRule | null {
  if (id.length !== 18) return 'LENGTH';
  if (!/^\d{17}[\dX]$/.test(id)) return 'ALPHABET';
  if (!isRealDate(id.slice(6, 14))) return 'BIRTH_DATE';
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id[17]) return 'RESIDENT_ID_CHECK_CHARACTER';
  return null;
}

/** The rule as clients see it: LENGTH and ALPHABET are shared words, so they carry the code's prefix. */
export function ruleName(prefix: 'USCC' | 'RESIDENT_ID', rule: CodeRule): string {
  return rule === 'LENGTH' || rule === 'ALPHABET' ? `${prefix}_${rule}` : rule;
}

/** Builds a valid USCC from its parts (used by the data generators). */
export function makeUscc(authority: string, orgType: string, division6: string, orgBody8: string): string {
  const first16 = authority + orgType + division6 + orgBody8 + organizationCodeCheckCharacter(orgBody8);
  return first16 + usccCheckCharacter(first16);
}

/** Builds a valid resident id number from a 6-digit division, a YYYYMMDD birth date and a 3-digit sequence. */
export function makeResidentId(division6: string, birth8: string, seq3: string): string {
  const first17 = division6 + birth8 + seq3;
  return first17 + residentIdCheckCharacter(first17);
}

/** 310***********123X: the division's first 3 and the last 4 stay visible. */
export function maskResidentId(id: string): string {
  return id.slice(0, 3) + '*'.repeat(11) + id.slice(14);
}
