import type { ClientRegistry } from './clients';

// The authorization matrix as a Markdown table (README "Who sees what"); a test keeps the README equal to it.
const KINDS = ['PUBLIC', 'AGENCY', 'ASSOCIATION', 'SUBJECT', 'DEPARTMENT', 'COURT', 'ADMIN'] as const;

export function matrixTable(registry: ClientRegistry): string {
  const lines = [`| field group | ${KINDS.join(' | ')} |`, `|---|${KINDS.map(() => ':-:').join('|')}|`];
  for (const [scope, description] of Object.entries(registry.scopes)) {
    const cells = KINDS.map((k) => (registry.kinds[k as keyof typeof registry.kinds]?.scopes.includes(scope) ? '✓' : ''));
    lines.push(`| \`${scope}\` — ${description} | ${cells.join(' | ')} |`);
  }
  const purposes = KINDS.map((k) => (registry.kinds[k as keyof typeof registry.kinds]?.purposes ?? []).length);
  lines.push(`| *query purposes allowed* | ${purposes.map((n) => (n ? String(n) : '—')).join(' | ')} |`);
  lines.push(`| *requests per minute* | ${KINDS.map((k) => registry.kinds[k as keyof typeof registry.kinds]?.requestsPerMinute ?? '—').join(' | ')} |`);
  return lines.join('\n');
}
