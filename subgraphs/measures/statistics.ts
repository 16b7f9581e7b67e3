import type { DataSource } from 'typeorm';
import { percent } from '../kit/statistics/shares';
import { yearDays } from '../kit/statistics/report-year';

// "Should check, must check" (应查必查, 000 item 29; items 50–52): per initiating department, the feedback
// applied in the calendar year and how much of it applied the measure. One GROUP BY on ix_measure_feedback_stats.

export interface MeasureImplementation {
  initiatingDepartment: string;
  fedBack: number;
  applied: number;
  notApplied: number;
  notApplicable: number;
  rate: number;
}

export async function measureImplementation(db: DataSource, year: number): Promise<MeasureImplementation[]> {
  const { from, to } = yearDays(year);
  const rows: { org: string | null; outcome: string; n: number | string }[] = await db.query(
    'SELECT initiator_org AS org, outcome, COUNT(*) AS n FROM measure_feedback WHERE applied_on BETWEEN ? AND ? GROUP BY initiator_org, outcome',
    [from, to],
  );
  const byOrg = new Map<string, MeasureImplementation>();
  for (const r of rows) {
    const org = r.org ?? 'UNKNOWN';
    const m = byOrg.get(org) ?? { initiatingDepartment: org, fedBack: 0, applied: 0, notApplied: 0, notApplicable: 0, rate: 0 };
    const n = Number(r.n);
    m.fedBack += n;
    if (r.outcome === 'APPLIED') m.applied += n;
    else if (r.outcome === 'NOT_APPLIED') m.notApplied += n;
    else m.notApplicable += n;
    byOrg.set(org, m);
  }
  return [...byOrg.values()]
    .map((m) => ({ ...m, rate: percent(m.applied, m.applied + m.notApplied) }))
    .sort((a, b) => b.fedBack - a.fedBack || a.initiatingDepartment.localeCompare(b.initiatingDepartment));
}
