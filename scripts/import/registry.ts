import type { DataSource } from 'typeorm';
import { today } from '../../subgraphs/kit/calendar/clock';
import { RuleViolation } from '../../subgraphs/kit/protocol/errors';
import { ruleName, usccRuleBroken } from '../../subgraphs/kit/protocol/codes';
import { importLegalPerson, importMembership, type MembershipLine, type RegistryOutcome } from '../../subgraphs/legal-persons/import-registry';
import type { RegisterLegalPersonInput } from '../../subgraphs/legal-persons/registry';
import { registerPerson } from '../../subgraphs/natural-persons/register-persons';
import { NaturalPersonEntity } from '../../subgraphs/natural-persons/entities';
import { naturalPersonId } from '../../subgraphs/kit/protocol/pseudonym';
import type { LineReject } from '../../subgraphs/kit/credit-records/import-line';
import type { SourceLine } from './source';

// npm run import -- <file> --registry legal-persons|natural-persons|memberships: registry lines, each the
// input of its mutation (RegisterLegalPersonInput; { idNumber, name }; { associationOrg, uscc, member, on }).

export const REGISTRIES = ['legal-persons', 'natural-persons', 'memberships'] as const;
export type Registry = (typeof REGISTRIES)[number];

const SHAPES: Record<Registry, { text: string[]; optionalText: string[]; booleans: string[]; objects: string[] }> = {
  'legal-persons': { text: ['uscc', 'name', 'organizationType', 'registrationAuthority', 'adminDivision'], optionalText: ['industryCode', 'establishedOn', 'status', 'representativeSince'], booleans: [], objects: ['legalRepresentative'] },
  'natural-persons': { text: ['idNumber', 'name'], optionalText: [], booleans: [], objects: [] },
  memberships: { text: ['associationOrg', 'uscc', 'on'], optionalText: [], booleans: ['member'], objects: [] },
};

/** The types GraphQL would have checked before the mutation ran. */
function checkShape(registry: Registry, v: Record<string, unknown>): void {
  const shape = SHAPES[registry];
  for (const f of shape.text) if (typeof v[f] !== 'string') throw new RuleViolation(f, 'REQUIRED', `${f} must be a string`);
  for (const f of shape.optionalText) if (v[f] != null && typeof v[f] !== 'string') throw new RuleViolation(f, 'TYPE', `${f} must be a string`);
  for (const f of shape.booleans) if (typeof v[f] !== 'boolean') throw new RuleViolation(f, 'BOOLEAN', `${f} must be true or false`);
  for (const f of shape.objects) {
    const o = v[f] as Record<string, unknown> | null | undefined;
    if (o == null) continue;
    if (typeof o !== 'object' || typeof o.idNumber !== 'string' || typeof o.name !== 'string') throw new RuleViolation(f, 'TYPE', `${f} is { idNumber, name }, both strings`);
  }
  // The USCC scalar's check, which the mutations get from GraphQL.
  if (registry !== 'natural-persons') {
    const rule = usccRuleBroken(String(v.uscc).toUpperCase());
    if (rule) throw new RuleViolation('uscc', ruleName('USCC', rule), `uscc "${String(v.uscc)}" is not a valid USCC (${rule})`);
  }
}

export interface RegistryDatabases { legalPersons: DataSource; naturalPersons: DataSource | null; subjectKey: Buffer }

/** One line, one transaction (the mutation's own); returns what happened or the rule it broke. */
export async function importRegistryLines(registry: Registry, lines: SourceLine[], dbs: RegistryDatabases): Promise<{ outcomes: Record<RegistryOutcome, number>; rejects: LineReject[] }> {
  const outcomes: Record<RegistryOutcome, number> = { REGISTERED: 0, UPDATED: 0 };
  const rejects: LineReject[] = [];
  const now = today();
  for (const { line, value, parseError } of lines) {
    if (!value) {
      rejects.push({ line, field: '(line)', rule: 'PARSE', message: parseError ?? 'unreadable line' });
      continue;
    }
    try {
      checkShape(registry, value);
      let outcome: RegistryOutcome;
      if (registry === 'legal-persons') outcome = await importLegalPerson(dbs.legalPersons, dbs.subjectKey, value as unknown as RegisterLegalPersonInput, now);
      else if (registry === 'memberships') outcome = await importMembership(dbs.legalPersons, value as unknown as MembershipLine, now);
      else {
        if (!dbs.naturalPersons) throw new Error('natural-persons lines need --natural-persons-database-url (or NATURAL_PERSONS_DATABASE_URL / DATABASE_URL)');
        const p = value as { idNumber: string; name: string };
        const known = await dbs.naturalPersons.getRepository(NaturalPersonEntity).existsBy({ id: naturalPersonId(dbs.subjectKey, p.idNumber.toUpperCase()) });
        await registerPerson(dbs.naturalPersons, dbs.subjectKey, p);
        outcome = known ? 'UPDATED' : 'REGISTERED';
      }
      outcomes[outcome]++;
    } catch (e) {
      if (!(e instanceof RuleViolation)) throw e;
      rejects.push({ line, field: e.field.replace(/^input\./, ''), rule: e.rule, message: e.message.replace(/\binput\./g, '') });
    }
  }
  return { outcomes, rejects };
}
