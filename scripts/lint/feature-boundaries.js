// ESLint rule: a UI feature (a folder directly under src/ui) reaches another feature only through
// that feature's public index.ts. What a feature offers the others is then written down in one
// place, and its internals can move without breaking anyone. Folders named in `shared` (helpers
// every feature uses, such as lazy loading) are open to all. Lazy parts are offered by the index
// as loader functions (`loadX = () => import('./X')`), so the chunk split stays where it was.
import path from 'node:path';

/** The feature folder a file belongs to, or undefined when it is not under the UI root. */
function featureOf(file, uiRoot) {
  const relative = path.relative(uiRoot, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** True when `target` names the feature's public entry: the folder itself or its index. */
function isPublicEntry(target, uiRoot, feature) {
  const featureDir = path.join(uiRoot, feature);
  const withoutExtension = target.replace(/\.(ts|tsx|js)$/, '');
  return withoutExtension === featureDir || withoutExtension === path.join(featureDir, 'index');
}

/** @type {import('eslint').Rule.RuleModule} */
export const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'A UI feature imports another feature only through its index.ts.' },
    schema: [
      {
        type: 'object',
        properties: {
          uiRoot: { type: 'string' },
          shared: { type: 'array', items: { type: 'string' } },
        },
        required: ['uiRoot'],
        additionalProperties: false,
      },
    ],
    messages: {
      deepImport:
        "'{{source}}' reaches inside the {{target}} feature: import it from '{{entry}}' (its index.ts) and export what is needed there.",
    },
  },
  create(context) {
    const { uiRoot: configuredRoot, shared = [] } = context.options[0];
    const uiRoot = path.resolve(configuredRoot);
    const file = context.filename;
    const ownFeature = featureOf(file, uiRoot);
    if (ownFeature === undefined) return {};

    function check(node, sourceNode) {
      if (sourceNode?.type !== 'Literal' || typeof sourceNode.value !== 'string') return;
      const source = sourceNode.value;
      if (!source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      const targetFeature = featureOf(target, uiRoot);
      if (targetFeature === undefined || targetFeature === ownFeature || shared.includes(targetFeature))
        return;
      if (isPublicEntry(target, uiRoot, targetFeature)) return;
      const entry = path
        .relative(path.dirname(file), path.join(uiRoot, targetFeature))
        .split(path.sep)
        .join('/');
      context.report({
        node,
        messageId: 'deepImport',
        data: { source, target: targetFeature, entry: entry.startsWith('.') ? entry : `./${entry}` },
      });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};
