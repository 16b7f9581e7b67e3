/** The field, rule and code of the RuleViolation a domain rule throws (fails when it throws none). */
export function violation(run: () => unknown): { field: string; rule: string; code: string } {
  try {
    run();
  } catch (e) {
    const v = e as { field: string; rule: string; code: string };
    return { field: v.field, rule: v.rule, code: v.code };
  }
  throw new Error('expected a rule violation');
}
