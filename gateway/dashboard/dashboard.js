// The association dashboard (000 item 18): signs in with the association's token, kept in sessionStorage
// (never in a URL), and reads its report about its own members through the gateway's /graphql.
(function () {
  'use strict';
  const KEY = 'credit-dashboard-token';
  const $ = (id) => document.getElementById(id);
  const QUERY = `query Dashboard($year: Int!) { associationReport(year: $year) {
    association year industry memberCount
    members { uscc name dishonestRecordCount listEntries(activeOnly: true) { listType domain status periodEndsOn } }
    activeListEntriesByType { listType count }
    industryMeasuresApplied { measure count } appliedMeasures(first: 20) { decidedOn title content }
    queriesByPurpose { purpose count share } queriesByMonth { month count } queriesByMember { uscc count } } }`;
  const charts = [];

  function text(tag, value, cls) {
    const el = document.createElement(tag);
    el.textContent = String(value);
    if (cls) el.className = cls;
    return el;
  }

  function row(tbody, cells) {
    const tr = document.createElement('tr');
    for (const c of cells) tr.appendChild(typeof c === 'object' ? c : text('td', c, typeof c === 'number' ? 'n' : ''));
    tbody.appendChild(tr);
  }

  function chart(id, type, labels, datasets, horizontal) {
    charts.push(new Chart($(id), {
      type,
      data: { labels, datasets },
      options: { animation: false, indexAxis: horizontal ? 'y' : 'x', plugins: { title: { display: true, text: $(id).getAttribute('aria-label') } } },
    }));
  }

  function show(report) {
    charts.splice(0).forEach((c) => c.destroy());
    const names = new Map(report.members.map((m) => [m.uscc, m.name]));
    const queries = new Map(report.queriesByMember.map((m) => [m.uscc, m.count]));
    $('summary').replaceChildren(text('p', `${report.association} · industry ${report.industry || '—'} · ${report.memberCount} members · ${report.year}`));
    const members = $('members').tBodies[0];
    members.replaceChildren();
    for (const m of report.members) {
      const entries = text('td', '');
      for (const e of m.listEntries) entries.appendChild(text('span', `${e.listType} ${e.domain}${e.periodEndsOn ? ` → ${e.periodEndsOn}` : ''} `, e.listType));
      if (!m.listEntries.length) entries.textContent = '—';
      row(members, [m.name, m.uscc, entries, m.dishonestRecordCount, queries.get(m.uscc) || 0]);
    }
    members.parentElement.dataset.rows = String(report.members.length);
    const measures = $('measures').tBodies[0];
    measures.replaceChildren();
    for (const m of report.industryMeasuresApplied) row(measures, [m.measure, m.count]);
    const applied = $('applied').tBodies[0];
    applied.replaceChildren();
    for (const r of report.appliedMeasures) row(applied, [r.decidedOn, r.title, r.content]);
    chart('chart-members', 'bar', report.queriesByMember.map((m) => names.get(m.uscc) || m.uscc), [{ label: 'queries', data: report.queriesByMember.map((m) => m.count) }], true);
    chart('chart-purposes', 'doughnut', report.queriesByPurpose.map((p) => `${p.purpose} ${p.share} %`), [{ label: 'queries', data: report.queriesByPurpose.map((p) => p.count) }]);
    chart('chart-months', 'line', report.queriesByMonth.map((m) => m.month), [{ label: 'queries', data: report.queriesByMonth.map((m) => m.count) }]);
    chart('chart-lists', 'bar', report.activeListEntriesByType.map((t) => t.listType), [{ label: 'active entries', data: report.activeListEntriesByType.map((t) => t.count) }]);
    $('board').hidden = false;
    document.body.dataset.loaded = 'true';
  }

  async function load() {
    const token = sessionStorage.getItem(KEY);
    $('sign-in').hidden = !!token;
    $('sign-out').hidden = !token;
    if (!token) return;
    $('error').hidden = true;
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'INDUSTRY_SELF_REGULATION' },
      body: JSON.stringify({ query: QUERY, variables: { year: Number($('year').value) } }),
    });
    const body = await res.json().catch(() => ({}));
    const report = body.data && body.data.associationReport;
    if (!report) {
      // A refused or expired token: back to the sign-in form, with the gateway's reason.
      sessionStorage.removeItem(KEY);
      $('error').textContent = (body.errors || []).map((e) => `${(e.extensions && e.extensions.code) || ''} ${e.message}`).join('; ') || `HTTP ${res.status}`;
      $('error').hidden = false;
      $('sign-in').hidden = false;
      $('sign-out').hidden = true;
      return;
    }
    show(report);
  }

  $('year').value = String(new Date().getFullYear());
  $('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('token').value.trim());
    $('token').value = '';
    load();
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    $('board').hidden = true;
    load();
  });
  load();
})();
