import { readFileSync } from 'node:fs';
import { packageFile } from '../../gateway/package-file';
import type { PlatformReport } from './fetch';
import { label, reportTables, type Table } from './tables';

// The report as one self-contained HTML file: chart.js (from node_modules) inlined, the data inlined,
// and a Content-Security-Policy that forbids every remote load — it opens offline, from a file.

export const CHART_JS = packageFile('chart.js', 'dist/chart.umd.min.js');
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside <script>: no `</script>` or `<!--` can end it early. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function htmlTable(t: Table): string {
  const rows = t.rows.map((r, i) => `<tr${t.total && i === t.rows.length - 1 ? ' class="total"' : ''}>${r.map((v, c) => `<t${c === 0 ? 'h' : 'd'}>${escapeHtml(String(v))}</t${c === 0 ? 'h' : 'd'}>`).join('')}</tr>`);
  return `<table><caption>${escapeHtml(t.title)}</caption><thead><tr>${t.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

interface ChartSpec { id: string; title: string; type: 'bar' | 'doughnut' | 'line'; labels: string[]; series: { label: string; data: number[] }[] }

function charts(r: PlatformReport): ChartSpec[] {
  return [
    { id: 'records', title: 'Records by category', type: 'bar', labels: r.recordsByCategory.map((c) => label(c.category)), series: [
      { label: 'legal persons', data: r.legalPersonRecordsByCategory.map((c) => c.count) }, { label: 'natural persons', data: r.naturalPersonRecordsByCategory.map((c) => c.count) }] },
    { id: 'purposes', title: 'Queries by purpose', type: 'doughnut', labels: r.queriesByPurpose.map((p) => label(p.purpose)), series: [{ label: 'queries', data: r.queriesByPurpose.map((p) => p.count) }] },
    { id: 'months', title: 'Queries by month', type: 'line', labels: r.queriesByMonth.map((m) => m.month), series: [{ label: 'queries', data: r.queriesByMonth.map((m) => m.count) }] },
    { id: 'lists', title: 'List entries by type', type: 'bar', labels: r.listEntriesByType.map((t) => label(t.listType)), series: [{ label: 'entries', data: r.listEntriesByType.map((t) => t.count) }] },
    { id: 'objections', title: 'Objections', type: 'bar', labels: ['filed', 'closed', 'annotated', 'overdue', 'open'], series: r.objectionsBySubjectType.map((s) => ({ label: label(s.subjectType), data: [s.stats.filed, s.stats.closed, s.stats.annotated, s.stats.overdue, s.stats.open] })) },
  ];
}

// Runs in the page: one chart per spec, stacked bars where there are two series.
const DRAW = `
const specs = JSON.parse(document.getElementById('chart-data').textContent);
for (const s of specs) {
  new Chart(document.getElementById(s.id), {
    type: s.type,
    data: { labels: s.labels, datasets: s.series.map((d) => ({ label: d.label, data: d.data })) },
    options: { animation: false, responsive: true, plugins: { title: { display: true, text: s.title } },
      scales: s.type === 'doughnut' ? {} : { x: { stacked: s.series.length > 1 }, y: { stacked: s.series.length > 1, beginAtZero: true } } },
  });
}
document.body.dataset.chartsDrawn = String(specs.length);`;

export function reportHtml(r: PlatformReport, generatedAt = new Date()): string {
  const specs = charts(r);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>Platform report ${r.year}</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
  .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 1.5rem; }
  table { border-collapse: collapse; margin: 1.5rem 0; min-width: 50%; }
  caption { text-align: left; font-weight: 600; padding-bottom: .4rem; }
  th, td { border-bottom: 1px solid #ddd; padding: .25rem .75rem; } td { text-align: right; } th { text-align: left; }
  tr.total th, tr.total td { border-top: 2px solid #888; font-weight: 600; }
</style>
</head>
<body>
<h1>Public credit information platform — report ${r.year}</h1>
<p>Generated ${escapeHtml(generatedAt.toISOString())} from the gateway's platformReport. Shares are percent with one decimal, summing to 100 (largest remainder).</p>
<div class="charts">${specs.map((s) => `<div><canvas id="${s.id}" aria-label="${escapeHtml(s.title)}"></canvas></div>`).join('')}</div>
${reportTables(r).map(htmlTable).join('\n')}
<script type="application/json" id="chart-data">${scriptJson(specs)}</script>
<script>${readFileSync(CHART_JS, 'utf8').replace(/<\/script/gi, '<\\/script')}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}
