import { shares } from '../../subgraphs/kit/statistics/shares';
import type { PlatformReport } from './fetch';

// The report's tables, as rows of cells: rendered as text on the terminal and as <table> in the HTML.
// Headings follow the 2016 report's chapters (001); the Chinese names are DOMAIN.md's.

export const LABELS: Record<string, string> = {
  REGISTRATION: '登记', QUALIFICATION: '资质', SUPERVISION: '监管', JUDGMENT: '判决', ENFORCEMENT: '执行',
  CONTRACT_PERFORMANCE: '履约', MANAGEMENT: '管理', PUBLIC_WELFARE: '公益',
  ADMINISTRATIVE_APPROVAL: '行政审批', ADMINISTRATIVE_PENALTY: '行政处罚', DAILY_SUPERVISION: '日常监管', GOVERNMENT_PROCUREMENT: '政府采购',
  BIDDING: '招标投标', COMMENDATION: '表彰评优', FUNDING_SUPPORT: '资金支持', RECRUITMENT_PROMOTION: '录用晋升', JUDICIAL: '司法',
  INDUSTRY_SELF_REGULATION: '行业自律', SELF_QUERY: '本人查询', RED: '红名单', BLACK: '黑名单', KEY_ATTENTION: '重点关注名单',
  LEGAL_PERSON: '法人', NATURAL_PERSON: '自然人',
};

export const label = (key: string) => (LABELS[key] ? `${key} ${LABELS[key]}` : key);

export interface Table {
  title: string;
  head: string[];
  rows: (string | number)[][];
  /** The last row is a total (the sum of the rows above). */
  total?: boolean;
}

const pct = (n: number) => `${n.toFixed(1)} %`;

export function reportTables(r: PlatformReport): Table[] {
  const legal = new Map(r.legalPersonRecordsByCategory.map((c) => [c.category, c.count]));
  const natural = new Map(r.naturalPersonRecordsByCategory.map((c) => [c.category, c.count]));
  const recordShares = shares(r.recordsByCategory.map((c) => c.count));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const lpTotal = sum(r.legalPersonQueries.map((p) => p.count));
  const o = (s: PlatformReport['objections']) => [s.filed, s.closed, s.annotated, s.overdue, s.open];
  return [
    {
      title: `Records collected in ${r.year} by category (信用信息归集)`,
      head: ['category', 'legal persons', 'natural persons', 'total', 'share'],
      rows: [
        ...r.recordsByCategory.map((c, i) => [label(c.category), legal.get(c.category) ?? 0, natural.get(c.category) ?? 0, c.count, pct(recordShares[i])]),
        ['total', sum([...legal.values()]), sum([...natural.values()]), sum(r.recordsByCategory.map((c) => c.count)), pct(sum(recordShares))],
      ],
      total: true,
    },
    {
      title: `Queries in ${r.year} by purpose (查询用途)`,
      head: ['purpose', 'all subjects', 'share', 'legal persons', 'share'],
      rows: [
        ...r.queriesByPurpose.map((p, i) => [label(p.purpose), p.count, pct(p.share), r.legalPersonQueries[i].count, pct(r.legalPersonQueries[i].share)]),
        ['total', sum(r.queriesByPurpose.map((p) => p.count)), pct(sum(r.queriesByPurpose.map((p) => p.share))), lpTotal, pct(sum(r.legalPersonQueries.map((p) => p.share)))],
      ],
      total: true,
    },
    { title: `Queries in ${r.year} by channel (client kind)`, head: ['client kind', 'queries'], rows: [...r.queriesByClientKind.map((k) => [k.clientKind, k.count]), ['total', sum(r.queriesByClientKind.map((k) => k.count))]], total: true },
    { title: `Queries in ${r.year} by month`, head: ['month', 'queries'], rows: [...r.queriesByMonth.map((m) => [m.month, m.count]), ['total', sum(r.queriesByMonth.map((m) => m.count))]], total: true },
    { title: `Most querying units in ${r.year} (top 10)`, head: ['org', 'kind', 'queries'], rows: r.queriesByOrg.map((q) => [q.org, q.clientKind, q.count]) },
    { title: `List entries decided in ${r.year} by type (名单)`, head: ['list', 'entries'], rows: [...r.listEntriesByType.map((t) => [label(t.listType), t.count]), ['total', sum(r.listEntriesByType.map((t) => t.count))]], total: true },
    { title: `List entries decided in ${r.year} by domain`, head: ['domain', 'entries'], rows: [...r.listEntriesByDomain.map((d) => [d.domain, d.count]), ['total', sum(r.listEntriesByDomain.map((d) => d.count))]], total: true },
    { title: `List entries decided in ${r.year} by status today`, head: ['status', 'entries'], rows: [...r.listEntriesByStatus.map((s) => [s.status, s.count]), ['total', sum(r.listEntriesByStatus.map((s) => s.count))]], total: true },
    {
      title: `Measures fed back in ${r.year} per initiating department (应查必查)`,
      head: ['initiating department', 'fed back', 'applied', 'not applied', 'not applicable', 'rate'],
      rows: r.measureImplementation.map((m) => [m.initiatingDepartment, m.fedBack, m.applied, m.notApplied, m.notApplicable, pct(m.rate)]),
    },
    {
      title: `Objections filed in ${r.year} (异议)`,
      head: ['subjects', 'filed', 'closed', 'annotated', 'overdue', 'open'],
      rows: [...r.objectionsBySubjectType.map((s) => [label(s.subjectType), ...o(s.stats)]), ['total', ...o(r.objections)]],
      total: true,
    },
    {
      title: `Double publicity of decisions taken in ${r.year} (双公示, 7 working days)`,
      head: ['decisions', 'on time', 'late', 'overdue', 'pending'],
      rows: [[r.doublePublicity.decisions, r.doublePublicity.onTime, r.doublePublicity.late, r.doublePublicity.overdue, r.doublePublicity.pending]],
    },
  ];
}

/** Display width: CJK characters take two columns on a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function textTable(t: Table): string {
  const cells = [t.head, ...t.rows].map((r) => r.map(String));
  const widths = t.head.map((_, c) => Math.max(...cells.map((r) => width(r[c] ?? ''))));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? v + ' '.repeat(widths[c] - width(v)) : ' '.repeat(widths[c] - width(v)) + v)).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const body = cells.slice(1).map(line);
  if (t.total && body.length) body.splice(body.length - 1, 0, rule);
  return [t.title, line(cells[0]), rule, ...body].join('\n');
}
