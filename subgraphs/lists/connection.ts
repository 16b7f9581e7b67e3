import type { DataSource } from 'typeorm';
import { badInput } from '../kit/protocol/errors';
import { isIsoDate } from '../kit/credit-records/input';
import { ListEntryEntity, type ListEntryRow } from './entities';
import { LIST_ENTRY_STATUSES, type ListEntryStatus } from './rules/status';
import { statusCondition } from './status-sql';
import { decodeCursor, encodeCursor, type CursorKey } from '../kit/server/cursor';
import { reachCondition, type Reach } from './publication';

// Query.listEntries: filters in SQL (status as of today included), newest decision first,
// a sealed cursor over (decided_on desc, id desc) and the total for the filter — counted only when
// totalCount is selected (a function property: graphql-js's default resolver calls it), since a
// COUNT over a large filter costs more than the page itself.
export const MAX_PAGE = 100;

export interface ListEntryFilter {
  listType?: string | null;
  domain?: string | null;
  status?: ListEntryStatus | null;
  subjectType?: string | null;
  subjectId?: string | null;
  listedBy?: string | null;
  jurisdiction?: string | null;
  decidedFrom?: string | null;
  decidedTo?: string | null;
}

export interface ListEntryConnection {
  totalCount: () => Promise<number>;
  edges: { cursor: string; node: ListEntryRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

function checkFilter(filter: ListEntryFilter): void {
  for (const field of ['decidedFrom', 'decidedTo'] as const) {
    const value = filter[field];
    if (value != null && !isIsoDate(value)) throw badInput(`filter.${field}`, 'ISO_DATE', `filter.${field} "${value}" must be a date YYYY-MM-DD`);
  }
  if (filter.status && !LIST_ENTRY_STATUSES.includes(filter.status)) throw badInput('filter.status', 'ENUM', 'filter.status is not a list entry status');
}

export async function listEntryConnection(
  db: DataSource,
  filter: ListEntryFilter,
  first: number,
  after: string | null,
  today: string,
  reach: Reach,
  key: CursorKey,
): Promise<ListEntryConnection> {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw badInput('first', 'PAGE_SIZE', `first must be between 0 and ${MAX_PAGE}`);
  checkFilter(filter);
  const cursor = after ? decodeCursor(key, after) : null;
  const qb = db.getRepository(ListEntryEntity).createQueryBuilder('e');
  const equals: [keyof ListEntryFilter, string][] = [
    ['listType', 'list_type'], ['domain', 'domain'], ['subjectType', 'subject_type'], ['subjectId', 'subject_id'],
    ['listedBy', 'listed_by'], ['jurisdiction', 'jurisdiction'],
  ];
  for (const [field, column] of equals) {
    const value = filter[field];
    // USCCs and org codes are upper case; NaturalPerson.id pseudonyms are case-sensitive.
    const codeLike = (field === 'subjectId' || field === 'listedBy') && !value?.startsWith('np_');
    if (value != null) qb.andWhere(`e.${column} = :${field}`, { [field]: codeLike ? value.toUpperCase() : value });
  }
  if (filter.decidedFrom) qb.andWhere('e.decided_on >= :decidedFrom', { decidedFrom: filter.decidedFrom });
  if (filter.decidedTo) qb.andWhere('e.decided_on <= :decidedTo', { decidedTo: filter.decidedTo });
  if (filter.status) {
    const condition = statusCondition('e', filter.status, today);
    qb.andWhere(condition.sql, condition.params);
  }
  const readable = reachCondition('e', reach, today);
  if (readable) qb.andWhere(readable.sql, readable.params);
  const counting = qb.clone();
  const totalCount = () => counting.getCount();
  if (cursor) qb.andWhere('(e.decided_on < :afterDate OR (e.decided_on = :afterDate AND e.id < :afterId))', { afterDate: cursor[0], afterId: cursor[1] });
  const rows = first === 0 ? [] : await qb.orderBy('e.decided_on', 'DESC').addOrderBy('e.id', 'DESC').limit(first + 1).getMany();
  const nodes = rows.slice(0, first);
  return {
    totalCount,
    edges: nodes.map((node) => ({ cursor: encodeCursor(key, node), node })),
    pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.length ? encodeCursor(key, nodes[nodes.length - 1]) : null },
  };
}
