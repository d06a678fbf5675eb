import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderInterpolationTemplate } from './ejs-view.util';

describe('renderInterpolationTemplate', () => {
  it('escapes <%= %> and keeps <%- %> as is', () => {
    expect(renderInterpolationTemplate('<title><%= title %></title><script><%- config %></script>', { title: 'a<b & "c"', config: '{"x":1}' })).toBe(
      '<title>a&lt;b &amp; &#34;c&#34;</title><script>{"x":1}</script>',
    );
  });

  it('refuses names it was not given and EJS code', () => {
    expect(() => renderInterpolationTemplate('<%= missing %>', {})).toThrow('needs "missing"');
    expect(() => renderInterpolationTemplate('<% if (x) { %>', { x: '1' })).toThrow('beyond plain interpolation');
  });

  it('renders the template of the installed bull-board UI', () => {
    const template = readFileSync(join(dirname(require.resolve('@bull-board/ui/package.json')), 'dist/index.ejs'), 'utf8');
    const html = renderInterpolationTemplate(template, {
      basePath: '/ops/queues/',
      uiConfig: '{"boardTitle":"optout queues"}',
      title: 'optout queues',
      favIconDefault: 'static/images/logo.svg',
      favIconAlternative: 'static/favicon-32x32.png',
    });
    expect(html).toContain('<base href="/ops/queues/" />');
    expect(html).toContain('{"boardTitle":"optout queues"}');
  });
});
