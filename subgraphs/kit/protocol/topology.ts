// The subgraphs: name, default port, and the env variables that move them.
export const SUBGRAPHS = [
  { name: 'legal-persons', port: 4001 },
  { name: 'natural-persons', port: 4002 },
  { name: 'lists', port: 4003 },
  { name: 'measures', port: 4004 },
  { name: 'objections', port: 4005 },
  { name: 'access-log', port: 4006 },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** Records of legal persons live in legal-persons, of natural persons in natural-persons. */
export function recordOwner(subjectType: 'LEGAL_PERSON' | 'NATURAL_PERSON'): SubgraphName {
  return subjectType === 'LEGAL_PERSON' ? 'legal-persons' : 'natural-persons';
}

export function envPrefix(name: string): string {
  return name.replace(/-/g, '_').toUpperCase();
}

/** LEGAL_PERSONS_URL wins; else http://<host>:<LEGAL_PERSONS_PORT or default>/graphql. */
export function subgraphUrl(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  const sub = SUBGRAPHS.find((s) => s.name === name)!;
  return env[`${envPrefix(name)}_URL`] ?? `http://${env.SUBGRAPH_HOST ?? '127.0.0.1'}:${env[`${envPrefix(name)}_PORT`] ?? sub.port}/graphql`;
}
