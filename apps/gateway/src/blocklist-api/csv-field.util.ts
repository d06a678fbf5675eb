/**
 * One CSV field as RFC 4180 wants it: quoted when it holds a comma, a quote or a line
 * break (quotes doubled). Values are written as they are stored, so an export imports back.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: Array<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\n`;
}
