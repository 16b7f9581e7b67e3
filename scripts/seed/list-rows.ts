import { periodPolicy } from '../../subgraphs/lists/policy';
import { seriousBehaviourFor } from '../../subgraphs/lists/rules/periods';
import type { DemoListEntry } from '../../subgraphs/kit/demo/demo-data';
import type { ListEntryEventRow, ListEntryRow } from '../../subgraphs/lists/entities';
import { initialStatus } from '../../subgraphs/lists/rules/notice-before-black';
import type { TableSink } from './sink';

// List entries as the lists subgraph's demo seed stores them: as decided (EXPIRED is computed on
// read), each with its LISTED event, so the entry history reads the same as for demo data.

export interface ListSinks {
  entries: TableSink<ListEntryRow>;
  events: TableSink<ListEntryEventRow>;
  /** Entry ids written so far: a few indexes draw an id already used (32-bit seeds) and are skipped. */
  ids: Set<string>;
}

export function listEntryRow(entry: DemoListEntry, subjectId: string, createdAt: Date): ListEntryRow {
  const { subjectKey: _key, ...fields } = entry;
  return { ...fields, subjectId, seriousBehaviour: seriousBehaviourFor(periodPolicy(), entry.domain, null), recordIds: null, status: initialStatus(entry.listType, entry.noticeServedOn), endedOn: null, endReason: null, createdAt };
}

export function listedEvent(row: ListEntryRow): ListEntryEventRow {
  return {
    entryId: row.id, event: 'LISTED', fromStatus: null, toStatus: row.status, reason: row.basis, actorOrg: row.listedBy,
    onDate: row.decidedOn, decisionRef: null, relatedEntryId: null, createdAt: row.createdAt,
  };
}

/** Writes the entries of one subject, whose pseudonymous or USCC id is already known. */
export async function pushListEntries(sinks: ListSinks, entries: DemoListEntry[], subjectId: string, createdAt: Date): Promise<void> {
  for (const entry of entries) {
    if (sinks.ids.has(entry.id)) continue;
    sinks.ids.add(entry.id);
    const row = listEntryRow(entry, subjectId, createdAt);
    await sinks.entries.push(row);
    await sinks.events.push(listedEvent(row));
  }
}
