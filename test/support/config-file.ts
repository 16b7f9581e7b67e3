import { readFileSync } from 'node:fs';
import { ConfigFileError } from '../../subgraphs/kit/protocol/yaml-file';

// Tests of a validated data file (kit/protocol/yaml-file): the shipped text, an edit of it that must
// apply, the line a needle is on, and the ConfigFileError a text raises.
export function configFileFixture(file: string, parse: (text: string) => unknown) {
  const shipped = readFileSync(file, 'utf8');
  const edit = (from: string, to: string) => {
    expect(shipped).toContain(from);
    return shipped.replace(from, to);
  };
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const errorOf = (text: string): ConfigFileError => {
    try {
      parse(text);
    } catch (e) {
      if (e instanceof ConfigFileError) return e;
      throw e;
    }
    throw new Error('expected a ConfigFileError');
  };
  return { shipped, edit, lineOf, errorOf };
}
