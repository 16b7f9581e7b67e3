import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Caller, SubjectRef } from '../kit/protocol/caller';
import { retentionStart } from '../kit/protocol/access-log-table';
import { countLoader, pageLoader, type Page, type PageArgs } from './read';
import { reportLoader, type CreditReport } from './report';

export interface Loaders {
  page(args: PageArgs): DataLoader<SubjectRef, Page, string>;
  count: DataLoader<SubjectRef, number, string>;
  report: DataLoader<SubjectRef, CreditReport, string>;
}

export function createLoaders(db: DataSource, caller: Caller): Loaders {
  // Entries older than the retention period are never shown, even before the writer's purge removed them.
  const since = retentionStart();
  const pages = new Map<string, DataLoader<SubjectRef, Page, string>>();
  return {
    page(args) {
      const key = `${args.first}|${args.after ?? ''}`;
      if (!pages.has(key)) pages.set(key, pageLoader(db, args, since));
      return pages.get(key)!;
    },
    count: countLoader(db, since),
    report: reportLoader(db, caller),
  };
}
