import DataLoader from 'dataloader';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { CreditRecordEntity, type CreditRecordRow } from './entity';
import { badInput } from '../protocol/errors';
import { publicationCutoffs } from './publication';
import { isQueryable, queryPeriodCutoff } from './query-period';
import { today as todayIso } from '../calendar/clock';
import { isoDay } from '../calendar/dates';
import { decodeCursor, encodeCursor, type CursorKey } from '../server/cursor';

// The read paths of credit records: pages within the query period and publication windows, dishonesty counts.

export interface RecordPageArgs {
  category?: string | null;
  dishonestOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
  /** Only double-publicity decisions on public display today (what the public sees). */
  publicDecisions?: boolean;
}

export const MAX_PAGE = 100;

/** The WHERE shared by pages and counts: subject set, filters, and the 5-year query period for dishonesty. */
function filtered(db: DataSource | EntityManager, subjectIds: readonly string[], args: RecordPageArgs, today: string) {
  const qb = db
    .getRepository(CreditRecordEntity)
    .createQueryBuilder('r')
    .where('r.subject_id IN (:...subjectIds)', { subjectIds })
    // Revoked on objection, repaired or withdrawn: gone from every read, count and grade (001 Art. 31, 32).
    .andWhere('r.removal IS NULL')
    .andWhere('(r.dishonest = :no OR COALESCE(r.behaviour_ended_on, r.decided_on) >= :cutoff)', { no: false, cutoff: queryPeriodCutoff(today) });
  if (args.category) qb.andWhere('r.category = :category', { category: args.category });
  if (args.dishonestOnly) qb.andWhere('r.dishonest = :yes', { yes: true });
  if (args.publicDecisions) {
    // The SQL form of publication.ts isOnPublicDisplay: decided on or after the kind's cutoff.
    const cut = publicationCutoffs(today);
    qb.andWhere('r.is_public = :pub AND r.published_on IS NOT NULL', { pub: true }).andWhere(
      "((r.decision_kind = 'LICENSING' AND r.decided_on >= :licCut) OR (r.decision_kind = 'PENALTY' AND ((r.penalty_tier = 'MINOR' AND r.decided_on >= :minCut) OR (r.penalty_tier = 'GENERAL' AND r.decided_on >= :genCut) OR (r.penalty_tier = 'SERIOUS' AND r.decided_on >= :serCut))))",
      { licCut: cut.LICENSING, minCut: cut.MINOR, genCut: cut.GENERAL, serCut: cut.SERIOUS },
    );
  }
  return qb;
}

export interface RecordConnection {
  /** Counted only when totalCount is selected (graphql-js's default resolver calls it), for all subjects in one grouped SELECT. */
  totalCount: () => Promise<number>;
  edges: { cursor: string; node: CreditRecordRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Totals per subject for one argument set: one grouped COUNT for all subjects whose totalCount is selected. */
function recordCountLoader(db: DataSource, args: RecordPageArgs, today: string): DataLoader<string, number> {
  return new DataLoader(async (subjectIds) => {
    const counts = await filtered(db, subjectIds, args, today)
      .select('r.subject_id', 'subjectId')
      .addSelect('COUNT(*)', 'total')
      .groupBy('r.subject_id')
      .getRawMany<{ subjectId: string; total: string | number }>();
    const totals = new Map(counts.map((c) => [c.subjectId, Number(c.total)]));
    return subjectIds.map((id) => totals.get(id) ?? 0);
  });
}

/**
 * One loader per distinct argument set: a batch of subjects costs one windowed SELECT for the pages
 * and, when totalCount is selected, one grouped SELECT for the totals, however many subjects the query asks about.
 */
export function recordConnectionLoader(db: DataSource, args: RecordPageArgs, key: CursorKey, today = todayIso()): DataLoader<string, RecordConnection> {
  const first = args.first ?? 20;
  if (first < 0 || first > MAX_PAGE) throw badInput('first', 'PAGE_SIZE', `first must be between 0 and ${MAX_PAGE}`);
  const after = args.after ? decodeCursor(key, args.after) : null;
  const totals = recordCountLoader(db, args, today);
  return new DataLoader(async (subjectIds) => {
    const page = filtered(db, subjectIds, args, today);
    if (after) page.andWhere('(r.decided_on < :ad OR (r.decided_on = :ad AND r.id < :aid))', { ad: after[0], aid: after[1] });
    const [sql, params] = page
      .select('r.*')
      .addSelect('ROW_NUMBER() OVER (PARTITION BY r.subject_id ORDER BY r.decided_on DESC, r.id DESC)', 'rn')
      .getQueryAndParameters();
    const rows: Record<string, unknown>[] = first === 0 ? [] : await db.query(`SELECT * FROM (${sql}) ranked WHERE rn <= ${first + 1}`, params);
    const bySubject = new Map<string, CreditRecordRow[]>();
    for (const raw of rows) {
      const row = fromRaw(raw);
      const list = bySubject.get(row.subjectId) ?? [];
      list.push(row);
      bySubject.set(row.subjectId, list);
    }
    return subjectIds.map((id) => {
      const list = (bySubject.get(id) ?? []).sort((a, b) => (a.decidedOn === b.decidedOn ? (a.id < b.id ? 1 : -1) : a.decidedOn < b.decidedOn ? 1 : -1));
      const nodes = list.slice(0, first);
      return {
        totalCount: () => totals.load(id),
        edges: nodes.map((node) => ({ cursor: encodeCursor(key, node), node })),
        pageInfo: { hasNextPage: list.length > first, endCursor: nodes.length ? encodeCursor(key, nodes[nodes.length - 1]) : null },
      };
    });
  });
}

/** Per request: one record loader per distinct argument set, so subjects asked about alike share one batch. */
export function recordLoaders(db: DataSource, cursors: CursorKey): (args: RecordPageArgs) => DataLoader<string, RecordConnection> {
  const loaders = new Map<string, DataLoader<string, RecordConnection>>();
  return (args) => {
    const key = JSON.stringify([args.category ?? null, args.dishonestOnly ?? null, args.first ?? 20, args.after ?? null, args.publicDecisions ?? false]);
    let loader = loaders.get(key);
    if (!loader) loaders.set(key, (loader = recordConnectionLoader(db, args, cursors)));
    return loader;
  };
}

/** Dishonesty records inside the query period, per subject: one grouped SELECT per batch. */
export function dishonestCountLoader(db: DataSource, today = todayIso()): DataLoader<string, number> {
  return recordCountLoader(db, { dishonestOnly: true }, today);
}

const asBool = (v: unknown): boolean => v === true || v === 1 || v === '1';
const asDate = (v: unknown): string | null => (v == null ? null : isoDay(v));

function fromRaw(raw: Record<string, unknown>): CreditRecordRow {
  return {
    id: String(raw.id),
    subjectId: String(raw.subject_id),
    category: String(raw.category),
    sourceDepartment: String(raw.source_department),
    title: String(raw.title),
    content: String(raw.content),
    decisionNumber: (raw.decision_number as string | null) ?? null,
    decidedOn: asDate(raw.decided_on)!,
    behaviourEndedOn: asDate(raw.behaviour_ended_on),
    public: asBool(raw.is_public),
    dishonest: asBool(raw.dishonest),
    decisionKind: String(raw.decision_kind),
    penaltyTier: (raw.penalty_tier as string | null) ?? null,
    publishedOn: asDate(raw.published_on),
    provider: String(raw.provider),
    providerRecordId: String(raw.provider_record_id),
    seriousBehaviour: (raw.serious_behaviour as string | null) ?? null,
    annotation: (raw.annotation as string | null) ?? null,
    removal: (raw.removal as CreditRecordRow['removal']) ?? null,
    removedOn: asDate(raw.removed_on),
    item: (raw.item as string | null) ?? null,
    correctedFrom: (raw.corrected_from as string | null) ?? null,
    correctedOn: asDate(raw.corrected_on),
  };
}

/**
 * Records by id: entity references (objections check a record's subject and provider, the gateway fetches
 * fields) and linkRecordPersons' answer. Removed or past the query period is null, as on every page (001 Art. 30).
 */
export function recordByIdLoader(db: DataSource, today = todayIso()): DataLoader<string, CreditRecordRow | null> {
  return new DataLoader(async (ids) => {
    const rows = await db.getRepository(CreditRecordEntity).findBy({ id: In([...ids]) });
    const byId = new Map(rows.filter((r) => isQueryable(r, today)).map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }, { maxBatchSize: 500 });
}
