import type { DataSource } from 'typeorm';
import { DEMO_ANCHOR, DEMO_SIZES, legalPersonAt, listEntriesForLegalPerson, listEntriesForNaturalPerson, naturalPersonAt, recordsForLegalPerson, type DemoListEntry } from '../kit/demo/demo-data';
import { recordId } from '../kit/credit-records/record-id';
import type { KeyFiles } from '../kit/protocol/keys';
import { naturalPersonId } from '../kit/protocol/pseudonym';
import { Rng } from '../kit/demo/rng';
import { addDays } from '../kit/calendar/dates';
import { workingDayCalendar } from '../kit/calendar/working-days';
import { ObjectionEntity, RepairApplicationEntity, type ObjectionOutcome, type ObjectionRow, type RepairApplicationRow } from './entities';
import { jurisdictionPolicies } from './jurisdictions';
import { repairDecideBy, stepOnFiling } from './rules/deadlines';

// A deterministic handful of objections and repair applications on demo subjects, showing each
// jurisdiction's policy. None on the demo subject (legal person 0): CONTRACT.md says it has none yet.

interface Found {
  entry: DemoListEntry;
  index: number;
}

/** The first active entry of legal persons 41… that matches, skipping those already used. */
function findEntry(used: Set<string>, match: (e: DemoListEntry) => boolean): Found {
  for (let i = 41; i < DEMO_SIZES.legalPersons; i++) {
    for (const entry of listEntriesForLegalPerson(i, legalPersonAt(i))) {
      const active = entry.periodEndsOn === null || entry.periodEndsOn > DEMO_ANCHOR;
      if (active && match(entry) && !used.has(entry.id)) {
        used.add(entry.id);
        return { entry, index: i };
      }
    }
  }
  throw new Error('demo data has no list entry for the objections seed');
}

function objection(n: number, base: Omit<ObjectionRow, 'id' | 'status' | 'outcome' | 'decideBy' | 'forwardBy' | 'forwardedOn' | 'forwardedTo' | 'decidedOn' | 'decidedBy' | 'note'>, decision?: { outcome: ObjectionOutcome; note: string }): ObjectionRow {
  const step = stepOnFiling(base.filedOn, base.targetType, jurisdictionPolicies().policyFor(base.jurisdiction ?? 'default'), workingDayCalendar());
  const open = { id: new Rng(`objection:${n}`).uuid(), ...base, ...step, forwardedTo: null, outcome: null, decidedOn: null, decidedBy: null, note: null };
  if (!decision) return open;
  return { ...open, status: 'DECIDED', outcome: decision.outcome, note: decision.note, decidedOn: addDays(base.filedOn, 3), decidedBy: 'credit-platform' };
}

export function demoObjections(keys: KeyFiles): { objections: ObjectionRow[]; repairs: RepairApplicationRow[] } {
  const used = new Set<string>();
  const jingan = findEntry(used, (e) => e.jurisdiction === '310106' && e.listType === 'BLACK');
  const pudong = findEntry(used, (e) => e.jurisdiction === '310115');
  const jiyang = findEntry(used, (e) => e.jurisdiction === '370115' && e.listType === 'BLACK');
  const rejected = findEntry(used, (e) => e.jurisdiction === '310106' && e.listType === 'KEY_ATTENTION');
  const repairable = findEntry(used, (e) => e.listType === 'BLACK' && e.domain === 'market-supervision');
  const refused = findEntry(used, (e) => e.listType === 'BLACK' && e.domain === 'tax');
  const onEntry = (f: Found, filedOn: string, reason: string) => ({
    targetType: 'LIST_ENTRY' as const, targetId: f.entry.id, subjectType: 'LEGAL_PERSON' as const, subjectId: f.entry.subjectKey,
    filedBy: f.entry.subjectKey, jurisdiction: f.entry.jurisdiction, listedBy: f.entry.listedBy, reason, filedOn,
  });
  const recordIndex = rejected.index + 1;
  const record = recordsForLegalPerson(recordIndex, legalPersonAt(recordIndex))[0];
  // Natural persons on the court list (one in eight): the first objects, the second's repair is refused (001 Art. 26 (三)).
  const [personEntry, repairEntry] = Array.from({ length: DEMO_SIZES.naturalPersons }, (_, k) => listEntriesForNaturalPerson(k, naturalPersonAt(k))).flat();
  const personId = naturalPersonId(keys.subjectKey, personEntry.subjectKey);
  const repairerId = naturalPersonId(keys.subjectKey, repairEntry.subjectKey);

  const objections = [
    objection(1, onEntry(jingan, '2026-06-24', '已于列入前缴清罚款，列入依据不实')),
    objection(2, onEntry(pudong, '2026-06-26', '欠税已补缴，名单信息未更新')),
    objection(3, onEntry(jiyang, '2026-06-25', '环境违法行为认定主体错误')),
    objection(4, onEntry(rejected, '2026-05-11', '重点关注认定事实有误'), { outcome: 'REJECTED', note: '经核实，认定事实清楚，依据充分' }),
    objection(
      5,
      { targetType: 'CREDIT_RECORD', targetId: recordId(record.provider, record.providerRecordId), subjectType: 'LEGAL_PERSON', subjectId: record.subjectKey, filedBy: record.subjectKey, jurisdiction: null, listedBy: null, reason: '记录内容与决定书不一致', filedOn: '2026-04-13' },
      { outcome: 'ANNOTATED', note: '已在该记录上标注异议内容' },
    ),
    objection(6, { targetType: 'LIST_ENTRY', targetId: personEntry.id, subjectType: 'NATURAL_PERSON', subjectId: personId, filedBy: personId, jurisdiction: personEntry.jurisdiction, listedBy: personEntry.listedBy, reason: '案款已全部履行', filedOn: '2026-06-29' }),
  ];
  const repair = (n: number, f: { entry: DemoListEntry }, subjectId: string, evidence: string[], appliedOn: string, rejectedBecause?: string): RepairApplicationRow => ({
    id: new Rng(`repair:${n}`).uuid(), listEntryId: f.entry.id, creditRecordId: null, subjectType: f.entry.subjectType, subjectId, applicant: subjectId, listedBy: f.entry.listedBy,
    evidence: JSON.stringify(evidence), status: rejectedBecause ? 'REJECTED' : 'PENDING', appliedOn,
    decideBy: repairDecideBy(appliedOn, jurisdictionPolicies().policyFor(f.entry.jurisdiction), workingDayCalendar()),
    decidedOn: rejectedBecause ? addDays(appliedOn, 10) : null, decidedBy: rejectedBecause ? f.entry.listedBy : null, reason: rejectedBecause ?? null,
  });
  const repairs = [
    repair(1, repairable, repairable.entry.subjectKey, ['PUBLIC_CREDIT_COMMITMENT', 'REPAIR_TRAINING', 'RECTIFICATION_PROOF'], '2026-06-22'),
    repair(2, refused, refused.entry.subjectKey, ['PUBLIC_CREDIT_COMMITMENT', 'CREDIT_REPORT'], '2026-05-06', '欠缴税款尚未全部缴清'),
    repair(3, { entry: repairEntry }, repairerId, ['PUBLIC_CREDIT_COMMITMENT', 'OBLIGATIONS_PERFORMED'], '2026-06-29', '拒不履行生效判决属于第二十六条第（三）项严重失信行为，不予修复'),
  ];
  return { objections, repairs };
}

/** Seeds the demo objections and repair applications, once (only when both tables are empty). */
export async function seedDemo(db: DataSource, keys: KeyFiles): Promise<void> {
  if ((await db.getRepository(ObjectionEntity).count()) > 0 || (await db.getRepository(RepairApplicationEntity).count()) > 0) return;
  const { objections, repairs } = demoObjections(keys);
  await db.transaction(async (m) => {
    await m.getRepository(ObjectionEntity).insert(objections);
    await m.getRepository(RepairApplicationEntity).insert(repairs);
  });
}
