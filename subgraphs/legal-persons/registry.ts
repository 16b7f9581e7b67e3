import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../kit/protocol/caller';
import { residentIdRuleBroken, usccRuleBroken } from '../kit/protocol/codes';
import { ErrorCode, RuleViolation } from '../kit/protocol/errors';
import { naturalPersonId } from '../kit/protocol/pseudonym';
import { CreditRecordEntity } from '../kit/credit-records/entity';
import { isQueryable } from '../kit/credit-records/query-period';
import { enqueue } from '../kit/server/outbox';
import { forUpdate } from '../kit/server/row-lock';
import { requirePastOrToday, requireText } from '../kit/server/validate';
import { isoDay } from '../kit/calendar/dates';
import { LegalPersonEntity, MembershipEntity, RECORD_PERSON_ROLES, RecordPersonEntity, RepresentativeTermEntity, type LegalPersonRow } from './entities';

// The legal-person registry (000 item 27, 法人库): companies, their legal representative's terms (001
// Art. 28: linkage uses the representative in office at the behaviour), association membership, and the
// principals and directly responsible persons linked to a record. Persons named here are registered with
// the natural-persons subgraph through the outbox, in the same transaction.

export const REGISTER_NATURAL_PERSONS = `mutation Register($persons: [NaturalPersonRegistration!]!) { registerNaturalPersons(persons: $persons) }`;
export const LEGAL_PERSON_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED', 'DEREGISTERED'] as const;

export interface PersonInput { idNumber: string; name: string }
export interface RegisterLegalPersonInput {
  uscc: string; name: string; organizationType: string; registrationAuthority: string; adminDivision: string;
  industryCode?: string | null; establishedOn?: string | null; status?: string | null;
  legalRepresentative?: PersonInput | null; representativeSince?: string | null;
}
export interface UpdateLegalPersonInput { name?: string | null; status?: string | null; legalRepresentative?: PersonInput | null; representativeSince?: string | null }

function person(field: string, p: PersonInput): PersonInput {
  const idNumber = p.idNumber.toUpperCase();
  const rule = residentIdRuleBroken(idNumber);
  if (rule) throw new RuleViolation(`${field}.idNumber`, 'RESIDENT_ID', `${field}.idNumber is not a valid resident id number (${rule})`);
  return { idNumber, name: requireText(`${field}.name`, p.name, 100) };
}

function status(field: string, value: string): string {
  if (!(LEGAL_PERSON_STATUSES as readonly string[]).includes(value)) throw new RuleViolation(field, 'ENUM', `${field} is one of ${LEGAL_PERSON_STATUSES.join(', ')}`);
  return value;
}

/** A legal representative's term cannot begin before there was a company to represent. */
function requireNotBeforeEstablishment(since: string, establishedOn: string | null): void {
  if (establishedOn && since < establishedOn) throw new RuleViolation('input.representativeSince', 'BEFORE_ESTABLISHMENT', `input.representativeSince ${since} is before the company was established (${establishedOn})`);
}

async function registerPersons(manager: EntityManager, persons: PersonInput[]): Promise<void> {
  if (persons.length) await enqueue(manager, 'natural-persons', REGISTER_NATURAL_PERSONS, { persons });
}

/** A new company; its representative's term starts on representativeSince (default: establishment, else today). */
export async function registerLegalPerson(db: DataSource, subjectKey: Buffer, input: RegisterLegalPersonInput, today: string): Promise<LegalPersonRow> {
  const uscc = input.uscc.toUpperCase();
  const rep = input.legalRepresentative ? person('input.legalRepresentative', input.legalRepresentative) : null;
  if (!/^\d{6}$/.test(input.adminDivision)) throw new RuleViolation('input.adminDivision', 'ADMIN_DIVISION', 'input.adminDivision is a 6-digit division code');
  const establishedOn = input.establishedOn ? requirePastOrToday('input.establishedOn', input.establishedOn, today) : null;
  const row: LegalPersonRow = {
    uscc, name: requireText('input.name', input.name, 200), organizationType: requireText('input.organizationType', input.organizationType, 32),
    registrationAuthority: requireText('input.registrationAuthority', input.registrationAuthority, 100), adminDivision: input.adminDivision,
    industryCode: input.industryCode ? requireText('input.industryCode', input.industryCode, 8) : null, establishedOn,
    status: status('input.status', input.status ?? 'ACTIVE'), legalRepresentativeId: rep ? naturalPersonId(subjectKey, rep.idNumber) : null,
  };
  const since = input.representativeSince ? requirePastOrToday('input.representativeSince', input.representativeSince, today) : (establishedOn ?? today);
  requireNotBeforeEstablishment(since, establishedOn);
  return db.transaction(async (m) => {
    if (await m.getRepository(LegalPersonEntity).existsBy({ uscc })) throw new RuleViolation('input.uscc', 'ALREADY_REGISTERED', `${uscc} is already registered: use updateLegalPerson`, ErrorCode.CONFLICT);
    await m.getRepository(LegalPersonEntity).insert(row);
    if (rep) {
      await m.getRepository(RepresentativeTermEntity).insert({ uscc, personId: row.legalRepresentativeId!, fromOn: since, toOn: null });
      await registerPersons(m, [rep]);
    }
    return row;
  });
}

/** Name, status, or a new legal representative from `representativeSince`: the old term ends that day and is kept. */
export async function updateLegalPerson(db: DataSource, subjectKey: Buffer, usccIn: string, input: UpdateLegalPersonInput, today: string): Promise<LegalPersonRow> {
  const uscc = usccIn.toUpperCase();
  const rep = input.legalRepresentative ? person('input.legalRepresentative', input.legalRepresentative) : null;
  if (rep && !input.representativeSince) throw new RuleViolation('input.representativeSince', 'REQUIRED', 'a new legal representative needs the day the term began');
  const since = rep ? requirePastOrToday('input.representativeSince', input.representativeSince!, today) : null;
  return db.transaction(async (m) => {
    const repo = m.getRepository(LegalPersonEntity);
    // Locked: two representative changes of one company would otherwise both read the same open term and both leave a term open.
    const row = await forUpdate(m, repo.createQueryBuilder('lp').where('lp.uscc = :uscc', { uscc })).getOne();
    if (!row) throw new RuleViolation('uscc', 'UNKNOWN_SUBJECT', `no legal person ${uscc} is registered`, ErrorCode.NOT_FOUND);
    const changes: Partial<LegalPersonRow> = {};
    if (input.name != null) changes.name = requireText('input.name', input.name, 200);
    if (input.status != null) changes.status = status('input.status', input.status);
    if (rep && since) {
      requireNotBeforeEstablishment(since, row.establishedOn ? isoDay(row.establishedOn) : null);
      const personId = naturalPersonId(subjectKey, rep.idNumber);
      const terms = m.getRepository(RepresentativeTermEntity);
      const open = await terms.findOneBy({ uscc, toOn: IsNull() });
      const openFrom = open ? String(open.fromOn).slice(0, 10) : null;
      if (open && open.personId !== personId) {
        if (openFrom! >= since) throw new RuleViolation('input.representativeSince', 'NOT_AFTER_CURRENT_TERM', `the current representative's term began on ${openFrom}; a new one begins after it`);
        await terms.update({ uscc, fromOn: open.fromOn }, { toOn: since });
      }
      if (!open || open.personId !== personId) await terms.insert({ uscc, personId, fromOn: since, toOn: null });
      changes.legalRepresentativeId = personId;
      await registerPersons(m, [rep]);
    }
    if (Object.keys(changes).length) await repo.update(uscc, changes);
    return { ...row, ...changes };
  });
}

/** 000 item 18: which companies an association regulates. Idempotent. */
export async function setAssociationMembership(db: DataSource, associationOrg: string, usccIn: string, member: boolean, on: string, today: string): Promise<boolean> {
  if (usccRuleBroken(associationOrg)) throw new RuleViolation('associationOrg', 'USCC', 'associationOrg is the association\'s org code (USCC)');
  const uscc = usccIn.toUpperCase();
  const joinedOn = requirePastOrToday('on', on, today);
  if (!(await db.getRepository(LegalPersonEntity).existsBy({ uscc }))) throw new RuleViolation('uscc', 'UNKNOWN_SUBJECT', `no legal person ${uscc} is registered`, ErrorCode.NOT_FOUND);
  const repo = db.getRepository(MembershipEntity);
  if (!member) await repo.delete({ associationOrg, uscc });
  else if (!(await repo.existsBy({ associationOrg, uscc }))) await repo.insert({ associationOrg, uscc, joinedOn });
  return member;
}

export interface RecordPersonInput { role: string; idNumber: string; name: string }

/** 001 Art. 28; Minhang 三(五): the record's provider (or the platform) names its principals and directly responsible persons. */
export async function linkRecordPersons(db: DataSource, subjectKey: Buffer, caller: Caller, recordId: string, persons: RecordPersonInput[], today: string): Promise<string[]> {
  if (persons.length > 100) throw new RuleViolation('persons', 'BATCH_TOO_LARGE', 'at most 100 persons per record', ErrorCode.BATCH_TOO_LARGE);
  const checked = persons.map((p, i) => {
    if (!(RECORD_PERSON_ROLES as readonly string[]).includes(p.role)) throw new RuleViolation(`persons[${i}].role`, 'ENUM', `persons[${i}].role is one of ${RECORD_PERSON_ROLES.join(', ')}`);
    return { role: p.role, ...person(`persons[${i}]`, p) };
  });
  return db.transaction(async (m) => {
    const record = await m.getRepository(CreditRecordEntity).findOneBy({ id: recordId });
    // Removed or past the query period: unknown, as to every read (001 Art. 30).
    if (!record || !isQueryable(record, today)) throw new RuleViolation('recordId', 'CREDIT_RECORD_NOT_FOUND', `no legal-person credit record ${recordId} in force`, ErrorCode.NOT_FOUND);
    if (caller.kind !== 'ADMIN' && caller.org !== record.provider) throw new RuleViolation('recordId', 'OWN_PROVIDER_ONLY', `record ${recordId} was provided by ${record.provider}`, ErrorCode.FORBIDDEN);
    // A person named twice in one role is one link (the primary key would refuse the second row).
    const rows = [...new Map(checked.map((p) => {
      const row = { recordId, role: p.role, personId: naturalPersonId(subjectKey, p.idNumber) };
      return [`${row.role}:${row.personId}`, row] as const;
    })).values()];
    const repo = m.getRepository(RecordPersonEntity);
    const existing = new Set((rows.length ? await repo.findBy({ recordId, personId: In(rows.map((r) => r.personId)) }) : []).map((r) => `${r.role}:${r.personId}`));
    const fresh = rows.filter((r) => !existing.has(`${r.role}:${r.personId}`));
    if (fresh.length) await repo.insert(fresh);
    await registerPersons(m, checked.map(({ idNumber, name }) => ({ idNumber, name })));
    return rows.map((r) => r.personId);
  });
}
