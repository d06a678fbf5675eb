/**
 * Renders bull-board's page template, which only interpolates values: `<%= name %>`
 * (HTML-escaped) and `<%- name %>` (as is). Anything else in the template — code, an unknown
 * name — throws, so that a bull-board upgrade with a richer template fails loudly here
 * instead of rendering a broken page.
 */
export function renderInterpolationTemplate(template: string, params: Record<string, string | undefined>): string {
  const html = template.replace(/<%([=-])\s*([A-Za-z_$][\w$]*)\s*%>/g, (_match, kind: string, name: string) => {
    if (!(name in params)) throw new Error(`template needs "${name}", which the view handler did not give`);
    const value = params[name] ?? '';
    return kind === '=' ? escapeHtml(value) : value;
  });
  if (html.includes('<%')) throw new Error('template holds EJS beyond plain interpolation; it cannot be rendered here');
  return html;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[char] ?? char);
}
