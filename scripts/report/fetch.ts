// The annual report as one GraphQL query through the gateway: the same authorization as any caller
// (stats:read), every table from the subgraph that owns its data.
export const REPORT_QUERY = `query PlatformReport($year: Int!) { platformReport(year: $year) {
  year
  recordsByCategory { category count } legalPersonRecordsByCategory { category count } naturalPersonRecordsByCategory { category count }
  queriesByPurpose { purpose count share } legalPersonQueries: queriesByPurpose(subjectType: LEGAL_PERSON) { purpose count share }
  queriesByClientKind { clientKind count } queriesByOrg(first: 10) { org clientKind count } queriesByMonth { month count }
  listEntriesByType { listType count } listEntriesByDomain { domain count } listEntriesByStatus { status count }
  measureImplementation { initiatingDepartment fedBack applied notApplied notApplicable rate }
  objections { filed closed annotated overdue open } objectionsBySubjectType { subjectType stats { filed closed annotated overdue open } }
  doublePublicity { decisions onTime late overdue pending } } }`;

export interface Counted { count: number }
export interface ObjectionStats { filed: number; closed: number; annotated: number; overdue: number; open: number }
export interface PlatformReport {
  year: number;
  recordsByCategory: ({ category: string } & Counted)[];
  legalPersonRecordsByCategory: ({ category: string } & Counted)[];
  naturalPersonRecordsByCategory: ({ category: string } & Counted)[];
  queriesByPurpose: ({ purpose: string; share: number } & Counted)[];
  legalPersonQueries: ({ purpose: string; share: number } & Counted)[];
  queriesByClientKind: ({ clientKind: string } & Counted)[];
  queriesByOrg: ({ org: string; clientKind: string } & Counted)[];
  queriesByMonth: ({ month: string } & Counted)[];
  listEntriesByType: ({ listType: string } & Counted)[];
  listEntriesByDomain: ({ domain: string } & Counted)[];
  listEntriesByStatus: ({ status: string } & Counted)[];
  measureImplementation: { initiatingDepartment: string; fedBack: number; applied: number; notApplied: number; notApplicable: number; rate: number }[];
  objections: ObjectionStats;
  objectionsBySubjectType: { subjectType: string; stats: ObjectionStats }[];
  doublePublicity: { decisions: number; onTime: number; late: number; overdue: number; pending: number };
}

/** The report, or an Error naming what the gateway said (code and message). */
export async function fetchReport(url: string, token: string, year: number): Promise<PlatformReport> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'DAILY_SUPERVISION' },
    body: JSON.stringify({ query: REPORT_QUERY, variables: { year } }),
  });
  const body = (await res.json().catch(() => ({}))) as { data?: { platformReport?: PlatformReport }; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length || !body.data?.platformReport) {
    throw new Error(`the gateway at ${url} answered ${res.status}: ${(body.errors ?? []).map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ') || 'no report'}`);
  }
  return body.data.platformReport;
}
