import { GRADING_FILE, parseGradingPolicy } from '../../../subgraphs/legal-persons/grading';
import { configFileFixture } from '../../support/config-file';

// grading.yaml is validated at start-up; every error names the file, the line, the key and the rule.
const { shipped, edit, lineOf, errorOf } = configFileFixture(GRADING_FILE, (text) => parseGradingPolicy(text, 'grading.yaml'));

describe('grading.yaml', () => {
  test('the shipped file is valid', () => {
    expect(parseGradingPolicy(shipped).D).toEqual({ inspectionFrequencyFactor: 3, activeListTypes: ['BLACK'], minDishonestRecords: null });
  });

  test('a wrong type names the line and the key path', () => {
    const text = edit('minDishonestRecords: 3', 'minDishonestRecords: three');
    const e = errorOf(text);
    expect(e.key).toBe('C.minDishonestRecords');
    expect(e.message).toMatch(new RegExp(`^grading\\.yaml:${lineOf(text, 'three')}: C\\.minDishonestRecords: `));
  });

  test('an unknown list type is refused at its position', () => {
    const text = edit('activeListTypes: [RED]', 'activeListTypes: [GREEN]');
    expect(errorOf(text).message).toMatch(new RegExp(`^grading\\.yaml:${lineOf(text, 'GREEN')}: A\\.activeListTypes\\[0\\]: `));
  });

  test('B is the regular frequency: its factor must be 1 (003 item 9)', () => {
    const text = edit('  inspectionFrequencyFactor: 1\n', '  inspectionFrequencyFactor: 1.5\n');
    expect(errorOf(text).message).toBe(`grading.yaml:${lineOf(text, '1.5')}: B.inspectionFrequencyFactor: must be 1: B is the regular inspection frequency (003 item 9)`);
  });

  test('good credit is inspected less often, high risk more often', () => {
    expect(errorOf(edit('inspectionFrequencyFactor: 0.5', 'inspectionFrequencyFactor: 2')).key).toBe('A.inspectionFrequencyFactor');
    expect(errorOf(edit('inspectionFrequencyFactor: 3', 'inspectionFrequencyFactor: 1.5')).message).toMatch(/D\.inspectionFrequencyFactor: must be at least C's \(2\)/);
    expect(errorOf(edit('inspectionFrequencyFactor: 3', 'inspectionFrequencyFactor: 0')).message).toMatch(/D\.inspectionFrequencyFactor: inspectionFrequencyFactor must be above 0/);
  });

  test('a list type gives one grade only', () => {
    const text = edit('activeListTypes: [KEY_ATTENTION]', 'activeListTypes: [KEY_ATTENTION, BLACK]');
    expect(errorOf(text).message).toBe(`grading.yaml:${lineOf(text, 'KEY_ATTENTION, BLACK')}: C.activeListTypes[1]: BLACK already gives grade D; a list type gives one grade only`);
  });

  test('C below D when both count dishonesty; a risk grade needs a trigger; unknown keys and syntax errors', () => {
    expect(errorOf(edit('minDishonestRecords: null', 'minDishonestRecords: 3')).message).toMatch(/C\.minDishonestRecords: must be below D's \(3\)/);
    expect(errorOf(edit('activeListTypes: [BLACK]\n  minDishonestRecords: null', 'activeListTypes: []\n  minDishonestRecords: null')).message).toMatch(/^grading\.yaml:\d+: D: a risk grade needs activeListTypes or minDishonestRecords/);
    expect(errorOf(edit('maxDishonestRecords: 0', 'maxDishonestRecords: 0\n  extra: 1')).message).toMatch(/A: .*extra/);
    expect(errorOf('D: [').message).toMatch(/^grading\.yaml:1: invalid YAML/);
    expect(errorOf('B: { inspectionFrequencyFactor: 1 }').key).toBe('A');
  });
});
