// Which code may import what, by where it runs (after VS Code's `local/code-layering` and
// Signal-Desktop's import classification). Every layer is an allow list: an import is an error
// unless its target's kind is listed for the importing layer, and a package nobody has
// classified yet is an error everywhere ("uncategorized dependency") until it is added below.
// test/lint/layering.test.ts proves each rule fires.
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/**
 * Every npm package the sources may import, by the layers that may use it. A new dependency
 * is classified here on purpose; until then the rule refuses it.
 */
export const packageLayers = {
  zod: ['shared', 'services', 'cli', 'ipc', 'security', 'glue', 'renderer'],
  react: ['renderer'],
  'react-dom': ['renderer'],
  '@mantine/core': ['renderer'],
  '@mantine/hooks': ['renderer'],
  dexie: ['renderer'],
  'dexie-react-hooks': ['renderer'],
  idb: ['renderer'],
  '@tanstack/react-virtual': ['renderer'],
  '@zxcvbn-ts/core': ['renderer'],
  '@zxcvbn-ts/language-common': ['renderer'],
  'pdfjs-dist': ['renderer'],
  yauzl: ['services', 'cli'],
  yazl: ['services', 'cli'],
  exceljs: ['services', 'cli'],
  docx: ['services', 'cli'],
  'pdf-lib': ['services', 'cli'],
  '@pdf-lib/fontkit': ['services', 'cli'],
  'subset-font': ['services', 'cli'],
  // The QR modules, computed in src-shared/certificates/qrMatrix.ts for the PDF and the preview.
  qr: ['shared', 'services', 'cli', 'renderer'],
  // Tests only (PNG pictures of a QR code for the verify CLI): no source layer may import it.
  qrcode: [],
  pngjs: ['services', 'cli'],
  jsqr: ['services', 'cli'],
  ws: ['services', 'cli'],
  electron: ['glue', 'preload'],
  // The e2e accessibility check only (test/e2e/a11y.spec.ts): no source layer may import it.
  '@axe-core/playwright': [],
};

/**
 * What each layer may import besides the packages above. `electron-types` is a type-only
 * import of electron: the hardening modules name Electron's types but take the objects as
 * parameters, so they stay testable in Node.
 */
export const layerAllows = {
  shared: ['shared'],
  common: ['shared', 'common', 'node'],
  services: ['shared', 'common', 'services', 'node'],
  cli: ['shared', 'common', 'services', 'cli', 'node'],
  ipc: ['shared', 'common', 'services', 'ipc', 'node'],
  security: ['shared', 'common', 'security', 'node', 'electron-types'],
  preload: ['shared-ipc', 'preload'],
  glue: ['shared', 'common', 'services', 'ipc', 'security', 'glue', 'node'],
  renderer: ['shared', 'renderer'],
};

const layerWords = {
  shared: 'src-shared (pure, runs in both processes)',
  common: 'src-main/common (small plain-Node helpers every part of main shares)',
  services: 'src-main/services (plain Node, never electron)',
  cli: 'src-main/cli (plain Node)',
  ipc: 'src-main/ipc (handlers: validate, call a service; no electron)',
  security: 'src-main/security (pure hardening rules)',
  preload: 'src-main/preload (exposes exactly the IPC contract)',
  glue: 'the Electron glue in src-main',
  renderer: 'src-renderer (the sandboxed page)',
};

/** The layer a repository-relative path belongs to, or null where no rule applies. */
export function layerOf(relativePath) {
  const p = relativePath.split(path.sep).join('/');
  if (p.startsWith('src-shared/')) return p.startsWith('src-shared/ipc/') ? 'shared-ipc' : 'shared';
  if (p.startsWith('src-main/common/')) return 'common';
  if (p.startsWith('src-main/services/')) return 'services';
  if (p.startsWith('src-main/cli/')) return 'cli';
  if (p.startsWith('src-main/ipc/')) return 'ipc';
  if (p.startsWith('src-main/security/')) return 'security';
  if (p.startsWith('src-main/preload/')) return 'preload';
  if (p.startsWith('src-main/')) return 'glue';
  if (p.startsWith('src-renderer/')) return 'renderer';
  return null;
}

/** The feature folder a renderer path lies in (`src-renderer/features/<name>/…`), if any. */
function featureOf(relativePath) {
  const match = /^src-renderer\/features\/([^/]+)\//.exec(relativePath.split(path.sep).join('/'));
  return match ? match[1] : null;
}

const builtins = new Set(builtinModules);

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** What an import specifier names: a layer, 'node', or a package. */
function classify(specifier, fromFile) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = path.relative(repoRoot, path.resolve(path.dirname(fromFile), specifier));
    const layer = layerOf(target);
    return { kind: layer ?? 'outside', target: target.split(path.sep).join('/') };
  }
  if (
    specifier.startsWith('node:') ||
    builtins.has(specifier) ||
    builtins.has(packageName(specifier))
  )
    return { kind: 'node' };
  return { kind: 'package', name: packageName(specifier) };
}

/** The error for one import, or null when the importing layer allows it. */
export function layeringError(specifier, fromFile, typeOnly) {
  const rel = path.relative(repoRoot, fromFile);
  const from = layerOf(rel);
  if (!from) return null;
  const fromLayer = from === 'shared-ipc' ? 'shared' : from;
  const allows = layerAllows[fromLayer];
  const target = classify(specifier, fromFile);
  const where = layerWords[fromLayer];

  if (target.kind === 'package') {
    const layers = packageLayers[target.name];
    if (!layers)
      return `'${target.name}' is an uncategorized dependency: classify it in eslint.layering.mjs (packageLayers) before importing it.`;
    if (layers.includes(fromLayer)) return null;
    if (target.name === 'electron' && typeOnly && allows.includes('electron-types')) return null;
    return `${where} may not import '${target.name}' (allowed in: ${layers.join(', ')}).`;
  }
  if (target.kind === 'node') {
    return allows.includes('node')
      ? null
      : `${where} may not import Node built-ins ('${specifier}').`;
  }
  if (target.kind === 'outside') {
    return `${where} may only import from the app's source folders, not '${target.target}'.`;
  }
  // A layer in src-shared/ipc counts both as 'shared-ipc' and as 'shared'.
  const targetKinds = target.kind === 'shared-ipc' ? ['shared-ipc', 'shared'] : [target.kind];
  if (!targetKinds.some((kind) => allows.includes(kind)))
    return `${where} may not import ${layerWords[target.kind === 'shared-ipc' ? 'shared' : target.kind] ?? target.target} ('${specifier}').`;
  const fromFeature = featureOf(rel);
  const toFeature = featureOf(target.target);
  if (fromFeature && toFeature && fromFeature !== toFeature)
    return `features/${fromFeature} may not import features/${toFeature}: share through src-renderer/app, db or src-shared.`;
  return null;
}

const codeLayering = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what its allow list names.' },
    schema: [],
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const check = (node, source, typeOnly) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const message = layeringError(source.value, filename, typeOnly);
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration: (node) =>
        check(
          node,
          node.source,
          node.importKind === 'type' ||
            (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type')),
        ),
      ExportNamedDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.argument, true),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          check(node, node.arguments[0], false);
      },
    };
  },
};

export const layeringPlugin = { rules: { 'code-layering': codeLayering } };

export const layeringRules = [
  {
    files: ['src-shared/**/*.ts', 'src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    plugins: { local: layeringPlugin },
    rules: { 'local/code-layering': 'error' },
  },
  {
    // src-shared is loaded by both processes: the globals of either one are out of reach too.
    files: ['src-shared/**/*.ts'],
    languageOptions: {
      globals: {
        window: 'off',
        document: 'off',
        process: 'off',
        require: 'off',
        Buffer: 'off',
        __dirname: 'off',
      },
    },
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'require',
        'Buffer',
        '__dirname',
        'navigator',
        'localStorage',
      ],
    },
  },
];
