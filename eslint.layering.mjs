// Which code may import what, by where it runs (after VS Code's code-layering rule).
// src-shared is pure and runs on both sides; services in main are plain Node so they can be
// tested without Electron; the renderer reaches main only through the IPC contract.
// test/lint/layering.test.ts proves each rule fires.

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'stream/promises',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

const noNode = [
  { group: ['node:*'], message: 'src-shared runs in both processes: no Node built-ins.' },
  { group: nodeBuiltins, message: 'src-shared runs in both processes: no Node built-ins.' },
];
const noElectron = [
  {
    group: ['electron', 'electron/*'],
    message: 'Only the Electron glue in src-main may import electron.',
  },
];
const noMain = [
  {
    group: ['**/src-main/**', '../src-main/**'],
    message: 'The renderer reaches main only through the IPC contract.',
  },
];
const noRenderer = [
  {
    group: ['**/src-renderer/**'],
    message: 'Main and shared code must not depend on the renderer.',
  },
];
const noDom = [
  {
    group: ['react', 'react-dom', 'react-dom/*', '@mantine/*', 'dexie', 'dexie-react-hooks'],
    message: 'src-shared is pure: no DOM or UI libraries.',
  },
];

// no-restricted-imports does not see `import('x')`, so dynamic imports get the same bans through
// no-restricted-syntax. esquery regexes cannot hold a literal slash, hence \u002F.
const sep = '(\\u002F|$)';
const builtinNames = [...new Set(nodeBuiltins.map((name) => name.split('/')[0]))].join('|');
const dynamic = (pattern, message) => ({
  selector: `ImportExpression[source.value=/${pattern}/]`,
  message,
});
const noDynamicNode = dynamic(
  `^(node:|(${builtinNames})${sep})`,
  'No Node built-ins here, not even through import().',
);
const noDynamicElectron = dynamic(
  `^electron${sep}`,
  'Only the Electron glue in src-main may import electron.',
);
const noDynamicMain = dynamic(
  'src-main\\u002F',
  'The renderer reaches main only through the IPC contract.',
);
const noDynamicRenderer = dynamic(
  'src-renderer\\u002F',
  'Main and shared code must not depend on the renderer.',
);
const noDynamicDom = dynamic(
  '^(react|react-dom|@mantine|dexie)',
  'src-shared is pure: no DOM or UI libraries.',
);

export const layeringRules = [
  {
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
      'no-restricted-imports': [
        'error',
        { patterns: [...noNode, ...noElectron, ...noMain, ...noRenderer, ...noDom] },
      ],
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
      'no-restricted-syntax': [
        'error',
        noDynamicNode,
        noDynamicElectron,
        noDynamicRenderer,
        noDynamicDom,
      ],
    },
  },
  {
    files: ['src-main/services/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...noElectron, ...noRenderer] }],
      'no-restricted-syntax': ['error', noDynamicElectron, noDynamicRenderer],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/services/**', 'src-main/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...noRenderer] }],
      'no-restricted-syntax': ['error', noDynamicRenderer],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noMain,
            ...noElectron,
            ...noNode,
            { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node built-ins.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', noDynamicMain, noDynamicElectron, noDynamicNode],
    },
  },
];
