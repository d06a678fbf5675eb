// ESLint rule: the architecture's import rules, checked on every import.
//  - libs never import apps;
//  - an app never imports another app (apps/standalone, the one composition root, may);
//  - libs/contracts imports nothing of ours (it is what everyone shares);
//  - libs/compliance stays pure: no Nest, no I/O clients.
const path = require('node:path');

const PURE_FORBIDDEN = /^(@nestjs\/|ioredis$|bullmq$|typeorm$|pg$|node:(fs|net|http|https|dns|child_process))/;

function areaOf(file, root) {
  const rel = path.relative(root, file).split(path.sep);
  if ((rel[0] === 'apps' || rel[0] === 'libs') && rel[1]) return { kind: rel[0], name: rel[1] };
  return null;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps libs from importing apps and apps from importing each other' },
    schema: [],
    messages: {
      libImportsApp: 'libs/{{from}} imports apps/{{to}}: libs never import apps; move the shared code into a lib.',
      appImportsApp: 'apps/{{from}} imports apps/{{to}}: apps are joined only by queues and libs; move the shared code into a lib.',
      contractsImport: 'libs/contracts imports {{to}}: contracts import nothing of ours.',
      impure: 'libs/compliance imports {{to}}: the compliance engine is pure functions, no Nest and no I/O.',
    },
  },
  create(context) {
    const root = context.cwd ?? process.cwd();
    const file = context.filename ?? context.getFilename();
    const from = areaOf(file, root);
    if (!from) return {};

    function check(node, source) {
      if (typeof source !== 'string') return;
      if (from.kind === 'libs' && from.name === 'compliance' && PURE_FORBIDDEN.test(source)) {
        context.report({ node, messageId: 'impure', data: { to: source } });
      }
      let target = null;
      if (source.startsWith('.')) target = areaOf(path.resolve(path.dirname(file), source), root);
      else if (source.startsWith('@optout/')) target = { kind: 'libs', name: source.slice('@optout/'.length).split('/')[0] };
      if (!target) return;
      if (from.kind === 'libs' && from.name === 'contracts' && target.name !== 'contracts') {
        context.report({ node, messageId: 'contractsImport', data: { to: source } });
      } else if (from.kind === 'libs' && target.kind === 'apps') {
        context.report({ node, messageId: 'libImportsApp', data: { from: from.name, to: target.name } });
      } else if (from.kind === 'apps' && target.kind === 'apps' && target.name !== from.name && from.name !== 'standalone') {
        context.report({ node, messageId: 'appImportsApp', data: { from: from.name, to: target.name } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
