import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { residentIdRuleBroken, ruleName, usccRuleBroken, type CodeRule } from './codes';
import { badInput } from './errors';

const RULE_TEXT: Record<CodeRule, string> = {
  LENGTH: 'must be 18 characters',
  ALPHABET: 'contains a character outside its alphabet',
  ORGANIZATION_CODE_CHECK_CHARACTER: 'has a wrong organization-code check character (position 17, GB 11714)',
  USCC_CHECK_CHARACTER: 'has a wrong check character (position 18, GB 32100)',
  BIRTH_DATE: 'has digits 7-14 that are not a real birth date',
  RESIDENT_ID_CHECK_CHARACTER: 'has a wrong check character (position 18, GB 11643)',
};

function codeScalar(
  name: string,
  rulePrefix: 'USCC' | 'RESIDENT_ID',
  description: string,
  ruleBroken: (v: string) => CodeRule | null,
): GraphQLScalarType {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') throw badInput(name, 'TYPE', `${name} must be a string`);
    const code = value.trim().toUpperCase();
    const rule = ruleBroken(code);
    // The value quoted as JSON: an error's message never holds the client's text unescaped (errors.ts variablePath reads it).
    if (rule) throw badInput(name, ruleName(rulePrefix, rule), `${name} ${JSON.stringify(value)} ${RULE_TEXT[rule]}`);
    return code;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (v) => v,
    parseValue: parse,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw badInput(name, 'TYPE', `${name} must be a string`);
      return parse(ast.value);
    },
  });
}

export const USCC = codeScalar('USCC', 'USCC', 'Unified Social Credit Code, GB 32100-2015 (check characters verified)', usccRuleBroken);
export const ResidentIdNumber = codeScalar(
  'ResidentIdNumber',
  'RESIDENT_ID',
  'Resident identity number, GB 11643 (birth date and check character verified)',
  residentIdRuleBroken,
);
