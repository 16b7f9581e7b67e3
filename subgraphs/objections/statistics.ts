import type { DataSource } from 'typeorm';
import type { SubjectType } from '../kit/protocol/caller';
import { yearDays } from '../kit/statistics/report-year';

// Objection statistics of the annual report (001 Art. 31; the 2016 report: filed, closed, annotated):
// objections filed in the calendar year; overdue = decided after, or still open past, the working-day
// deadline of their step. One GROUP BY on ix_objection_stats.

export interface ObjectionStats {
  filed: number;
  closed: number;
  annotated: number;
  overdue: number;
  open: number;
}

const SUBJECT_TYPES: SubjectType[] = ['LEGAL_PERSON', 'NATURAL_PERSON'];

export async function objectionStatsBySubjectType(db: DataSource, year: number, today: string): Promise<{ subjectType: SubjectType; stats: ObjectionStats }[]> {
  const { from, to } = yearDays(year);
  const rows: Record<string, number | string>[] = await db.query(
    `SELECT subject_type AS t, COUNT(*) AS filed,
       SUM(CASE WHEN status = 'DECIDED' THEN 1 ELSE 0 END) AS closed,
       SUM(CASE WHEN status = 'DECIDED' AND outcome = 'ANNOTATED' THEN 1 ELSE 0 END) AS annotated,
       SUM(CASE WHEN (status = 'DECIDED' AND decided_on > decide_by) OR (status <> 'DECIDED' AND decide_by < ?) THEN 1 ELSE 0 END) AS overdue
     FROM objection WHERE filed_on BETWEEN ? AND ? GROUP BY subject_type`,
    [today, from, to],
  );
  return SUBJECT_TYPES.map((subjectType) => {
    const r = rows.find((row) => row.t === subjectType);
    const [filed, closed, annotated, overdue] = ['filed', 'closed', 'annotated', 'overdue'].map((k) => Number(r?.[k] ?? 0));
    return { subjectType, stats: { filed, closed, annotated, overdue, open: filed - closed } };
  });
}

export function totalStats(parts: ObjectionStats[]): ObjectionStats {
  const sum = (k: keyof ObjectionStats) => parts.reduce((a, p) => a + p[k], 0);
  return { filed: sum('filed'), closed: sum('closed'), annotated: sum('annotated'), overdue: sum('overdue'), open: sum('open') };
}
