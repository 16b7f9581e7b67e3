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
  /** "file:line: key: message" for `path`, to collect several problems and throw them at once with failAll. */
  locate(path: KeyPath, message: string): string;
  /** Throws one ConfigFileError listing every located problem (does nothing when there are none). */
  failAll(problems: string[], firstKey?: string): void;
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
  const locate = (path: KeyPath, message: string): string => {
    const node = nodeAt(doc, path);
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
    return `${file}:${line}: ${formatPath(path)}: ${message}`;
  };
  const fail = (path: KeyPath, message: string): never => {
    throw new ConfigFileError(file, formatPath(path), locate(path, message));
  };
  const failAll = (problems: string[], firstKey = '(several)') => {
    if (problems.length) throw new ConfigFileError(file, firstKey, problems.join('\n'));
  };
  const parsed = schema.safeParse(doc.toJS());
  // Every problem at once, each with its line: whoever edits the file fixes them in one pass.
  if (!parsed.success) {
    const [first, ...more] = parsed.error.issues;
    if (!more.length) fail(first.path, issueMessage(first));
    failAll(parsed.error.issues.map((issue) => locate(issue.path, issueMessage(issue))), formatPath(first.path));
  }
  return { value: parsed.data as z.output<S>, fail, locate, failAll };
}

export function readYamlConfig<S extends z.ZodType>(path: string, schema: S): YamlConfig<z.output<S>> {
  return parseYamlConfig(readFileSync(path, 'utf8'), basename(path), schema);
}
