import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { CLIENT_KINDS, QUERY_PURPOSES, type ClientKind, type QueryPurpose, type SubjectRef } from '../subgraphs/kit/protocol/caller';
import { usccRuleBroken } from '../subgraphs/kit/protocol/codes';
import { ConfigFileError, parseYamlConfig, type YamlConfig } from '../subgraphs/kit/protocol/yaml-file';

// Loads and validates gateway/authorization.yaml: scopes, client kinds and client systems.

export const AUTHORIZATION_FILE = join(__dirname, 'authorization.yaml');

const usccSchema = z.string().refine((v) => usccRuleBroken(v) === null, { message: 'is not a valid USCC (check characters)' });
const kindSchema = z.object({
  description: z.string(),
  scopes: z.array(z.string()),
  purposes: z.array(z.enum(QUERY_PURPOSES)),
  requestsPerMinute: z.number().int().positive(),
});
// SERVICE is the subgraphs' own identity for outbox deliveries; no client may have it.
const clientKinds = CLIENT_KINDS.filter((k) => k !== 'SERVICE') as Exclude<ClientKind, 'SERVICE'>[];
const clientSchema = z.object({
  kind: z.enum(clientKinds),
  name: z.string().min(1),
  org: usccSchema.optional(),
  jurisdiction: z.string().regex(/^\d{6}$/, 'must be a 6-digit division code').optional(),
  industry: z.string().optional(),
  listingDomains: z.array(z.string()).default([]),
  extraScopes: z.array(z.string()).default([]),
  subject: z.object({ type: z.enum(['LEGAL_PERSON', 'NATURAL_PERSON']), id: z.string() }).optional(),
});
const fileSchema = z.object({
  scopes: z.record(z.string(), z.string()),
  kinds: z.partialRecord(z.enum(clientKinds), kindSchema),
  clients: z.record(z.string(), clientSchema),
});

export interface ClientDefinition {
  id: string;
  kind: ClientKind;
  name: string;
  org: string | null;
  jurisdiction: string | null;
  industry: string | null;
  scopes: string[];
  purposes: QueryPurpose[];
  listingDomains: string[];
  subject: SubjectRef | null;
  requestsPerMinute: number;
}

export interface ClientRegistry {
  scopes: Record<string, string>;
  kinds: Partial<Record<ClientKind, z.infer<typeof kindSchema>>>;
  clients: Map<string, ClientDefinition>;
  publicPurposes: QueryPurpose[];
  publicRequestsPerMinute: number;
}

export class RegistryError extends Error {}

/** Parses the matrix; every problem is reported at once, each with the file, line and key path. */
export function parseRegistry(text: string, file = AUTHORIZATION_FILE): ClientRegistry {
  const where = relative(process.cwd(), file) || file;
  let config: YamlConfig<z.output<typeof fileSchema>>;
  try {
    config = parseYamlConfig(text, where, fileSchema);
  } catch (e) {
    throw e instanceof ConfigFileError ? new RegistryError(e.message) : e;
  }
  const { value: { scopes, kinds, clients }, locate } = config;
  const problems: string[] = [];
  const knownScope = (path: (string | number)[], s: string) => {
    if (!(s in scopes)) problems.push(locate(path, `unknown scope "${s}" (declare it under scopes)`));
  };
  for (const [kind, def] of Object.entries(kinds)) def.scopes.forEach((s, i) => knownScope(['kinds', kind, 'scopes', i], s));
  const registry = new Map<string, ClientDefinition>();
  for (const [id, c] of Object.entries(clients)) {
    const kind = kinds[c.kind];
    if (!kind) {
      problems.push(locate(['clients', id, 'kind'], `kind ${c.kind} is not defined under kinds`));
      continue;
    }
    c.extraScopes.forEach((s, i) => knownScope(['clients', id, 'extraScopes', i], s));
    if (c.kind === 'SUBJECT' && !c.subject) problems.push(locate(['clients', id, 'subject'], 'a SUBJECT client must name the subject it acts for'));
    if (c.kind === 'ASSOCIATION' && !c.org) problems.push(locate(['clients', id, 'org'], 'an ASSOCIATION client needs its org code (members are keyed by it)'));
    registry.set(id, {
      id, kind: c.kind, name: c.name, org: c.org ?? c.subject?.id ?? null, jurisdiction: c.jurisdiction ?? null, industry: c.industry ?? null,
      scopes: [...new Set([...kind.scopes, ...c.extraScopes])], purposes: kind.purposes, listingDomains: c.listingDomains, subject: c.subject ?? null, requestsPerMinute: kind.requestsPerMinute,
    });
  }
  if (!kinds.PUBLIC) problems.push(locate(['kinds'], 'kinds.PUBLIC: the public role must be defined (its purposes and rate limit)'));
  if (problems.length) throw new RegistryError(problems.join('\n'));
  return { scopes, kinds, clients: registry, publicPurposes: kinds.PUBLIC!.purposes, publicRequestsPerMinute: kinds.PUBLIC!.requestsPerMinute };
}

export function loadRegistry(file = process.env.AUTHORIZATION_FILE ?? AUTHORIZATION_FILE): ClientRegistry {
  return parseRegistry(readFileSync(file, 'utf8'), file);
}
