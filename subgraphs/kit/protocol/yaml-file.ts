import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';

// Configuration people edit (holiday calendar, jurisdiction policies) is YAML validated at start-up;
// every error names the file, the line and the key path, and the rule it breaks (STYLE.md).

export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

export type KeyPath = readonly PropertyKey[];

export interface YamlConfig<T> {
  value: T;
  /** Throws a ConfigFileError located at `path` (semantic checks after the schema passed). */
  fail(path: KeyPath, message: string): never;
}

function formatPath(path: KeyPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(root)';
}

/** The deepest node that exists along `path`; map keys match by text (YAML reads `2025:` as a number). */
function nodeAt(doc: Document, path: KeyPath): Node | null {
  let node = doc.contents as Node | null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === String(segment));
      if (!pair || !pair.value) return node;
      node = pair.value as Node;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment] as Node;
    } else return node;
  }
  return node;
}

/** Zod reports a bad record key as "Invalid key in record" with the key's own issue nested: show that. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if ((issue.code === 'invalid_key' || issue.code === 'invalid_element') && issue.issues.length) return issueMessage(issue.issues[0]);
  return issue.message;
}

/** Parses and validates YAML text; `file` is only used in messages. */
export function parseYamlConfig<S extends z.ZodType>(text: string, file: string, schema: S): YamlConfig<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ConfigFileError(file, '(syntax)', `${file}:${e.linePos?.[0].line ?? '?'}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const fail = (path: KeyPath, message: string): never => {
    const node = nodeAt(doc, path);
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
    const key = formatPath(path);
    throw new ConfigFileError(file, key, `${file}:${line}: ${key}: ${message}`);
  };
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(issue.path, issueMessage(issue));
  }
  return { value: parsed.data as z.output<S>, fail };
}

export function readYamlConfig<S extends z.ZodType>(path: string, schema: S): YamlConfig<z.output<S>> {
  return parseYamlConfig(readFileSync(path, 'utf8'), basename(path), schema);
}
