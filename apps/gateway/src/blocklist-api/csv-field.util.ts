/**
 * One CSV field as RFC 4180 wants it: quoted when it holds a comma, a quote or a line
 * break (quotes doubled), and neutralised when a spreadsheet would run it as a formula.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: Array<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number, signed or not: a spreadsheet computes nothing from it. E.164 numbers are these. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * A cell a spreadsheet would evaluate (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3`) is written with a
 * leading `'`, which spreadsheets show as text and do not run. Plain numbers are left alone, so
 * `+12025550100` stays an E.164 number that imports back; the import drops the `'` again
 * (`unneutraliseFormula`), so an export imports back unchanged.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The value `neutraliseFormula` was given: an imported field that an export neutralised. */
export function unneutraliseFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) && !PLAIN_NUMBER.test(text.slice(1)) ? text.slice(1) : text;
}
