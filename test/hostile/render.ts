import { astFromValue, print } from 'graphql';
import { apiSchema, KEY_ALIAS, membersOf, ROW_KEYS, TYPENAME_ALIAS } from './api-schema';
import type { ArgUse, FieldNode, Operation, SelectionSet } from './operations';

// An operation tree as a GraphQL document. `hostile` spells it as generated (aliases written out,
// nested inline/bare/named fragments, repeated and split fields); `plain` spells the same selection
// the shortest way (arguments stay variables or literals alike). Both read the same response keys, so their answers must be equal.

export interface Rendered { query: string; variables: Record<string, unknown> }
type Style = 'hostile' | 'plain';

class Writer {
  readonly fragments: string[] = [];
  readonly varDefs: string[] = [];
  readonly variables: Record<string, unknown> = {};
  private readonly varNames = new Map<ArgUse, string>();

  constructor(readonly style: Style, private readonly prefix: string) {}

  fragment(on: string, body: string): string {
    const name = `${this.prefix}F${this.fragments.length}`;
    this.fragments.push(`fragment ${name} on ${on} { ${body} }`);
    return `...${name}`;
  }

  arg(use: ArgUse): string {
    const literal = use.confused === undefined && !use.asVariable ? astFromValue(use.value, use.type) : null;
    if (literal) return `${use.name}: ${print(literal)}`;
    let name = this.varNames.get(use);
    if (!name) {
      name = `${this.prefix}v${this.varNames.size}`;
      this.varNames.set(use, name);
      this.varDefs.push(`$${name}: ${use.type.toString()}`);
      this.variables[name] = use.confused === undefined ? use.value : use.confused;
    }
    return `${use.name}: $${name}`;
  }
}

function field(w: Writer, node: FieldNode): string {
  const head = `${node.key !== node.field || (w.style === 'hostile' && node.spell.explicitAlias) ? `${node.key}: ` : ''}${node.field}${node.args.length ? `(${node.args.map((a) => w.arg(a)).join(', ')})` : ''}`;
  const hostile = w.style === 'hostile';
  const children = node.children;
  let text: string;
  if (!children) text = head;
  else if (hostile && node.spell.repeat && children.fields.length > 1) {
    // The same field twice, its selection split between the two: the executor merges them.
    const half = Math.ceil(children.fields.length / 2);
    text = `${head} { ${selection(w, { ...children, fields: children.fields.slice(0, half) })} } ${head} { ${selection(w, { ...children, fields: children.fields.slice(half) }, false)} }`;
  } else text = `${head} { ${selection(w, children)} }`;
  if (hostile && node.spell.repeat && !children) text = `${text} ${text}`;
  if (!hostile) return text;
  for (const wrapper of node.spell.wrappers) {
    text = wrapper === 'named' ? w.fragment(node.parent, text) : wrapper === 'inline' ? `... on ${node.parent} { ${text} }` : `... { ${text} }`;
  }
  return text;
}

function hidden(typeName: string): string {
  return ROW_KEYS[typeName] ? ` ${KEY_ALIAS}: ${ROW_KEYS[typeName]}` : '';
}

function selection(w: Writer, set: SelectionSet, withHidden = true): string {
  const parts = withHidden ? [`${TYPENAME_ALIAS}: __typename${hidden(set.type)}`] : [];
  parts.push(...set.fields.map((n) => field(w, n)));
  // A union member with a row but no branch still tells whose row it is.
  for (const m of withHidden ? membersOf(apiSchema.getType(set.type)!) : []) {
    if (ROW_KEYS[m] && !set.branches.some((b) => b.on === m)) parts.push(`... on ${m} {${hidden(m)} }`);
  }
  for (const b of set.branches) {
    const body = `${withHidden ? hidden(b.on) : ''} ${b.fields.map((n) => field(w, n)).join(' ')}`;
    parts.push(w.style === 'hostile' && b.named ? w.fragment(b.on, body) : `... on ${b.on} { ${body} }`);
  }
  return parts.join(' ');
}

/** `prefix` keeps fragment and variable names apart when two operations share a document. */
export function render(op: Operation, style: Style, name: string | null = null, prefix = ''): Rendered {
  const w = new Writer(style, prefix);
  const body = op.root.fields.map((n) => field(w, n)).join(' ');
  const head = [op.kind, name ?? '', w.varDefs.length ? `(${w.varDefs.join(', ')})` : ''].filter(Boolean).join(' ');
  return { query: [`${head} { ${body} }`, ...w.fragments].join('\n'), variables: w.variables };
}
