import { GraphQLError, Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import { fragmentsOf } from '../document-parts';
import { ErrorCode } from '../../subgraphs/kit/protocol/errors';

// Checks a query's shape before Apollo Server validates it: graphql-js's field-merging validation is
// quadratic in fields sharing a response key (1,000 repeats of `b { a }` took 8 s), and nested
// fragment spreads can expand a short document exponentially. Both are refused here, linearly.

export interface ShapeLimits {
  maxTokens: number;
  /** Selections of one response key in one selection set, fragments included. */
  maxRepeats: number;
  /** Fields in the operation with every fragment spread expanded. */
  maxExpandedFields: number;
}

export function tooComplex(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, ...extensions, http: { status: 400 } } });
}

function shapeOf(doc: DocumentNode, limits: ShapeLimits): void {
  const fragments = fragmentsOf(doc);
  let fields = 0;
  // Visits fields as execution would see them, spreads expanded; the field count bounds the work.
  // A spread inside its own expansion is skipped (validation refuses such cycles later).
  const walk = (set: SelectionSetNode, repeats: Map<string, number>, open: Set<string>): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (++fields > limits.maxExpandedFields) throw tooComplex(`the query expands to more than ${limits.maxExpandedFields} fields`);
        const key = sel.alias?.value ?? sel.name.value;
        const n = (repeats.get(key) ?? 0) + 1;
        if (n > limits.maxRepeats) throw tooComplex(`"${key}" is selected ${n} times in one selection set; at most ${limits.maxRepeats} are allowed`);
        repeats.set(key, n);
        if (sel.selectionSet) walk(sel.selectionSet, new Map(), open);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, repeats, open);
      } else {
        const fragment = fragments.get(sel.name.value);
        if (!fragment || open.has(fragment.name.value)) continue;
        open.add(fragment.name.value);
        walk(fragment.selectionSet, repeats, open);
        open.delete(fragment.name.value);
      }
    }
  };
  for (const d of doc.definitions) if (d.kind === Kind.OPERATION_DEFINITION) walk(d.selectionSet, new Map(), new Set());
}

/** Parses with the token limit and checks the shape; remembers the verdict per query text. */
export function shapeChecker(limits: ShapeLimits, cacheSize = 1000): (query: string) => void {
  const verdicts = new Map<string, GraphQLError | null>();
  return (query) => {
    let verdict = verdicts.get(query);
    if (verdict === undefined) {
      let doc: DocumentNode | undefined;
      try {
        doc = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
      } catch (e) {
        // Syntax errors are Apollo Server's to report; only the token limit is ours.
        verdict = /tokens\. Parsing aborted/.test((e as Error).message) ? tooComplex(`the query has more than ${limits.maxTokens} tokens`) : null;
      }
      if (doc) {
        try {
          shapeOf(doc, limits);
          verdict = null;
        } catch (e) {
          verdict = e as GraphQLError;
        }
      }
      // Only short texts are remembered: the cache must not hold the 8 MB bodies an attacker sends.
      if (query.length <= 20_000) verdicts.set(query, verdict ?? null);
      if (verdicts.size > cacheSize) verdicts.delete(verdicts.keys().next().value!);
    }
    if (verdict) throw verdict;
  };
}
