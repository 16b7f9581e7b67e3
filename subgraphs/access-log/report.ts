import { randomBytes } from 'node:crypto';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { today } from '../kit/calendar/clock';
import { queryPeriodCutoff } from '../kit/credit-records/query-period';
import type { Caller, SubjectRef } from '../kit/protocol/caller';
import { CREDIT_REPORT_TABLE, creditReportId, issuesReport } from '../kit/protocol/credit-report-table';
import { inChunks } from '../kit/server/loaders';
import { isFreeReport } from './rules/free-reports';

// A subject's credit report (001 Art. 29): numbered from the reports already issued this year, which the
// gateway records when it gives the answer (kit/protocol/credit-report-table.ts). Nothing is written here:
// a report resolved but never delivered (an error, a withheld answer) was not issued.

export interface CreditReport {
  id: string;
  issuedAt: string;
  year: number;
  numberThisYear: number;
  free: boolean;
  issuedToSubject: boolean;
  queryPeriodFrom: string;
  queryPeriodTo: string;
  subject: SubjectRef;
}

const subjectKey = (s: SubjectRef) => `${s.type}|${s.id}`;

/** Reports issued so far in `year`, per subject: one GROUP BY per subject type and batch. */
async function issuedThisYear(db: DataSource, subjects: readonly SubjectRef[], year: number): Promise<Map<string, number>> {
  const issued = new Map<string, number>();
  for (const type of new Set(subjects.map((s) => s.type))) {
    const ids = subjects.filter((s) => s.type === type).map((s) => s.id);
    const rows: { id: string; n: number | string }[] = await inChunks(ids, (chunk) =>
      db.query(`SELECT subject_id AS id, MAX(number_in_year) AS n FROM ${CREDIT_REPORT_TABLE} WHERE subject_type = ? AND year = ? AND subject_id IN (${chunk.map(() => '?').join(', ')}) GROUP BY subject_id`, [type, year, ...chunk]));
    for (const r of rows) issued.set(`${type}|${r.id}`, Number(r.n));
  }
  return issued;
}

/** One report per subject and request (DataLoader's cache): read twice in one answer, it is one report. */
export function reportLoader(db: DataSource, caller: Caller): DataLoader<SubjectRef, CreditReport, string> {
  return new DataLoader<SubjectRef, CreditReport, string>(async (subjects) => {
    const day = today();
    const year = Number(day.slice(0, 4));
    const issued = await issuedThisYear(db, subjects, year);
    const issuing = issuesReport(caller.kind);
    const issuedAt = new Date().toISOString();
    return subjects.map((subject) => {
      const before = issued.get(subjectKey(subject)) ?? 0;
      const numberThisYear = issuing ? before + 1 : before;
      return {
        // An administrator's read is no issuance and costs the subject nothing: a one-off id, always free.
        id: issuing ? creditReportId(subject, year, numberThisYear) : randomBytes(16).toString('hex'),
        issuedAt, year, numberThisYear, free: !issuing || isFreeReport(subject.type, numberThisYear), issuedToSubject: issuing,
        queryPeriodFrom: queryPeriodCutoff(day), queryPeriodTo: day, subject,
      };
    });
  }, { cacheKeyFn: subjectKey });
}
