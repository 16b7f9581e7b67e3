// The credit report page (001 Art. 29): signs in with a token kept in sessionStorage (never in the URL),
// POSTs the creditReport query to /graphql on this origin and renders the answer. Nothing else is loaded.
'use strict';

const STORE = 'credit-report.sign-in';
// Measures apply per business matter: the report shows what every purpose but SELF_QUERY would trigger.
const PURPOSES = ['ADMINISTRATIVE_APPROVAL', 'ADMINISTRATIVE_PENALTY', 'DAILY_SUPERVISION', 'GOVERNMENT_PROCUREMENT', 'BIDDING',
  'COMMENDATION', 'FUNDING_SUPPORT', 'RECRUITMENT_PROMOTION', 'JUDICIAL', 'INDUSTRY_SELF_REGULATION'];

// Long sections come in pages: the report's answer carries the first (the query-cost limit counts its
// depth), later pages are plain reads of the same fields (no new report is issued for them).
const PAGE = 20;
const CONNECTIONS = {
  creditRecords: '{ totalCount pageInfo { hasNextPage endCursor } edges { node { id category title content sourceDepartment provider decisionNumber decidedOn behaviourEndedOn dishonest annotation changes { on kind fields reason } } } }',
  accessLog: '{ totalCount pageInfo { hasNextPage endCursor } edges { node { at clientKind org operator purpose fieldGroups } } }',
};
const SECTIONS = `
  creditRecords(first: ${PAGE}) ${CONNECTIONS.creditRecords}
  listEntries(activeOnly: false) { id listType domain status basis listedBy decidedOn periodEndsOn }
  ${PURPOSES.map((p) => `m_${p}: applicableMeasures(purpose: ${p}) { measure { id kind mandatory description legalBasis } suspended suspensionReason }`).join('\n  ')}
  objections { id targetType targetId reason status outcome filedOn decidedOn note decidingUnit }
  repairApplications { id creditRecordId listEntry { id } status appliedOn decidedOn reason }
  accessLog(first: ${PAGE}) ${CONNECTIONS.accessLog}`;
const REPORT = 'id issuedAt year numberThisYear free issuedToSubject queryPeriodFrom queryPeriodTo';
const QUERIES = {
  LEGAL_PERSON: `query CreditReport($code: USCC!) { legalPerson(uscc: $code) { creditReport { ${REPORT} subject { ... on LegalPerson {
  uscc name organizationType registrationAuthority adminDivision status establishedOn ${SECTIONS} } } } } }`,
  NATURAL_PERSON: `query CreditReport($code: ResidentIdNumber!) { naturalPerson(idNumber: $code) { creditReport { ${REPORT} subject { ... on NaturalPerson {
  id name idNumber gender birthYear ${SECTIONS} } } } } }`,
};

const ROOTS = { LEGAL_PERSON: ['legalPerson(uscc: $code)', 'USCC!'], NATURAL_PERSON: ['naturalPerson(idNumber: $code)', 'ResidentIdNumber!'] };
const morePages = (type, field) => `query More($code: ${ROOTS[type][1]}, $after: String) { ${ROOTS[type][0]} { ${field}(first: 50, after: $after) ${CONNECTIONS[field]} } }`;

const $ = (id) => document.getElementById(id);

/** An element with text children only (textContent: nothing from the answer is ever parsed as HTML). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  for (const c of children.flat(Infinity)) node.append(c instanceof Node ? c : document.createTextNode(c == null ? '—' : String(c)));
  return node;
}

function table(headers, rows, none = 'None.') {
  if (!rows.length) return el('p', { class: 'none' }, none);
  return el('table', {}, el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', {}, c))))));
}

function section(title, ...content) {
  return el('section', {}, el('h2', {}, title), ...content);
}

function identity(report, s) {
  const pairs = report.subject.uscc
    ? [['Name', s.name], ['USCC', s.uscc], ['Organization type', s.organizationType], ['Registration authority', s.registrationAuthority], ['Division', s.adminDivision], ['Status', s.status], ['Established', s.establishedOn]]
    : [['Name', s.name], ['Resident id number', s.idNumber], ['Gender', s.gender], ['Birth year', s.birthYear]];
  return section('1 · Identity', el('dl', {}, pairs.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
}

function records(s) {
  // The reason of each change (001 Art. 29, 31): a provider's corrected resubmission, an objection's decision.
  const changes = (r) => r.changes.map((c) => el('div', { class: 'changes' }, `${c.on}: ${c.kind} (${c.fields.join(', ')})${c.reason ? ` — ${c.reason}` : ''}`));
  const rows = s.creditRecords.edges.map(({ node: r }) => [
    r.decidedOn, r.category, el('span', {}, el('strong', {}, r.title), el('br'), r.content, r.annotation ? el('div', { class: 'changes' }, `Annotation: ${r.annotation}`) : '', changes(r)),
    `${r.sourceDepartment} (${r.provider})`, r.decisionNumber, r.dishonest ? 'yes' : 'no', r.behaviourEndedOn,
  ]);
  return section(`2 · Credit records (${s.creditRecords.totalCount})`, table(['Decided', 'Category', 'Record and changes', 'Source (provider)', 'Decision no.', 'Dishonest', 'Behaviour ended'], rows, 'No credit records in the query period.'));
}

function entries(s) {
  return section('3 · List entries', table(['Type', 'Domain', 'Status', 'Listed by', 'Decided', 'Period ends', 'Basis'],
    s.listEntries.map((e) => [e.listType, e.domain, e.status, e.listedBy, e.decidedOn, e.periodEndsOn, e.basis]), 'On no list.'));
}

function measures(s) {
  const byId = new Map();
  for (const p of PURPOSES) for (const a of s[`m_${p}`] || []) {
    const seen = byId.get(a.measure.id) || { ...a, purposes: [] };
    seen.purposes.push(p);
    byId.set(a.measure.id, seen);
  }
  return section('4 · Measures that apply', table(['Measure', 'Kind', 'Description', 'Legal basis', 'When', 'Suspended'],
    [...byId.values()].map((a) => [a.measure.id, `${a.measure.kind}${a.measure.mandatory ? ', mandatory' : ''}`, a.measure.description, a.measure.legalBasis, a.purposes.join(', '), a.suspended ? `yes: ${a.suspensionReason}` : 'no']), 'No reward or punishment measure applies.'));
}

function objectionsAndRepairs(s) {
  return section('5 · Objections and repairs',
    table(['Objection', 'Target', 'Reason', 'Filed', 'Status', 'Outcome', 'Decided', 'Note'],
      s.objections.map((o) => [o.id, `${o.targetType} ${o.targetId}`, o.reason, o.filedOn, o.status, o.outcome, o.decidedOn, o.note]), 'No objections.'),
    table(['Repair', 'Of', 'Applied', 'Status', 'Decided', 'Reason'],
      s.repairApplications.map((r) => [r.id, r.creditRecordId ? `record ${r.creditRecordId}` : `entry ${r.listEntry && r.listEntry.id}`, r.appliedOn, r.status, r.decidedOn, r.reason]), 'No repair applications.'));
}

function accessLog(s) {
  return section(`6 · Who queried this information (${s.accessLog.totalCount})`, table(['When (UTC)', 'Who', 'Kind', 'Staff', 'Purpose', 'Field groups'],
    s.accessLog.edges.map(({ node: n }) => [n.at, n.org, n.clientKind, n.operator, n.purpose, n.fieldGroups.join(', ')]), 'Nobody has queried it.'));
}

function render(report) {
  const s = report.subject;
  const fee = report.free ? 'Free of charge' : 'Not free (third or later report this year, 001 Art. 29)';
  $('report').replaceChildren(
    el('h1', {}, `信用报告 · Credit report: ${s.name}`),
    el('p', {}, `Report ${report.id} · issued ${report.issuedAt} · report ${report.numberThisYear} of ${report.year}${report.issuedToSubject ? '' : ' (administrator\'s copy, not issued to the subject)'} · query period ${report.queryPeriodFrom} – ${report.queryPeriodTo} · `,
      el('span', { class: `fee ${report.free ? 'free' : 'charged'}`, id: 'fee' }, fee)),
    identity(report, s), records(s), entries(s), measures(s), objectionsAndRepairs(s), accessLog(s),
  );
}

function status(text, error) {
  $('status').textContent = text;
  $('status').className = error ? 'error' : '';
}

function signedIn() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) || 'null');
  } catch {
    return null;
  }
}

function show() {
  const who = signedIn();
  $('sign-in').hidden = !!who;
  $('signed-in').hidden = !who;
  if (who) $('signed-in-as').textContent = `Signed in for ${who.type === 'LEGAL_PERSON' ? 'USCC' : 'resident id number'} ${who.code}`;
}

async function post(who, query, variables, operationName) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}`, 'x-query-purpose': 'SELF_QUERY' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }));
}

const subjectOf = (answer) => answer.data && (answer.data.legalPerson || answer.data.naturalPerson);
const problems = (answer) => (answer.errors || []).map((e) => `${(e.extensions && e.extensions.code) || 'ERROR'}: ${e.message}${e.path ? ` (${e.path.join('.')})` : ''}`);

/** Appends the later pages of a long section to the report's first page. */
async function completePages(who, subject, field) {
  const connection = subject[field];
  while (connection && connection.pageInfo.hasNextPage) {
    const answer = await post(who, morePages(who.type, field), { code: who.code, after: connection.pageInfo.endCursor }, 'More');
    const next = subjectOf(answer) && subjectOf(answer)[field];
    if (!next) throw new Error(problems(answer).join('\n') || `${field}: no further page`);
    connection.edges.push(...next.edges);
    connection.pageInfo = next.pageInfo;
  }
}

async function issue() {
  const who = signedIn();
  if (!who) return show();
  status('Issuing the report…');
  const answer = await post(who, QUERIES[who.type], { code: who.code }, 'CreditReport');
  const subject = subjectOf(answer);
  if (!subject || !subject.creditReport) return status(problems(answer).join('\n') || 'No such subject.', true);
  const report = subject.creditReport;
  for (const field of Object.keys(CONNECTIONS)) if (report.subject[field]) await completePages(who, report.subject, field);
  render(report);
  $('print').hidden = false;
  // Parts the caller may not see are null with an error at their path: say so instead of hiding it.
  status(problems(answer).join('\n'), !!answer.errors);
}

$('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = $('subject-code').value.trim().toUpperCase();
  sessionStorage.setItem(STORE, JSON.stringify({ type: $('subject-type').value, code, token: $('token').value.trim() }));
  $('token').value = '';
  show();
});
$('issue').addEventListener('click', () => issue().catch((e) => status(String(e), true)));
$('print').addEventListener('click', () => window.print());
$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(STORE);
  $('report').replaceChildren();
  $('print').hidden = true;
  status('');
  show();
});
show();
