import type { Connection } from 'mysql2/promise';
import type { Checkpoint } from './checkpoint';

// The per-file quality report (the 2016 report's "关联入库有效性"): how many lines matched a registered
// subject and were stored, and why the others were rejected, rule by rule.
export async function qualityReport(conns: { legal: Connection; natural: Connection | null } | null, cp: Checkpoint, run: { seconds: number; linesThisRun: number; prepareSeconds: number; databaseSeconds: number }) {
  const c = cp.counts;
  const totals = async (conn: Connection | null) => {
    if (!conn) return null;
    const [rows] = await conn.query('SELECT COUNT(*) AS records, COUNT(DISTINCT subject_id) AS subjects FROM credit_record WHERE provider = ?', [cp.provider]);
    const t = (rows as { records: number; subjects: number }[])[0];
    return { records: Number(t.records), subjects: Number(t.subjects) };
  };
  const [legal, natural] = conns ? await Promise.all([totals(conns.legal), totals(conns.natural)]) : [null, null];
  const matched = c.created + c.updated + c.unchanged;
  return {
    file: cp.file,
    provider: cp.provider,
    done: cp.done,
    lines: c.lines,
    matchedAndStored: matched,
    matchedShare: c.lines ? Number((matched / c.lines).toFixed(4)) : 0,
    created: c.created,
    updated: c.updated,
    unchanged: c.unchanged,
    // Unchanged, though they differ from the stored record: an objection decision corrected it (001 Art. 31).
    keptAsCorrected: c.keptAsCorrected ?? 0,
    bySubjectType: c.bySubjectType ?? null,
    naturalPersonsRegistered: c.naturalPersonsRegistered ?? 0,
    rejected: c.rejected,
    rejectsByRule: c.rejectsByRule,
    sampleRejects: c.sampleRejects,
    ...(conns ? { providerTotals: { legalPersons: legal, naturalPersons: natural } } : {}),
    thisRun: { lines: run.linesThisRun, seconds: Number(run.seconds.toFixed(2)), recordsPerSecond: Math.round(run.linesThisRun / Math.max(run.seconds, 0.001)), prepareSeconds: Number(run.prepareSeconds.toFixed(2)), databaseSeconds: Number(run.databaseSeconds.toFixed(2)) },
  };
}
