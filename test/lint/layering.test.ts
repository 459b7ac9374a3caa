import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The files need not exist: ESLint picks the config block from the path alone, so each case
// lints a snippet as if it lived in that folder, with the repository's real configuration.
const repoRoot = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: repoRoot });

interface LintOutcome {
  rules: string[];
  messages: string[];
}

async function lintAs(relativePath: string, code: string): Promise<LintOutcome> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, relativePath) });
  if (!result) throw new Error(`ESLint returned no result for ${relativePath}`);
  const errors = result.messages.filter((m) => m.severity === 2);
  return {
    rules: errors.map((m) => m.ruleId ?? `fatal: ${m.message}`),
    messages: errors.map((m) => m.message),
  };
}

const RULE = 'local/code-layering';
const sharedFile = 'src-shared/policy/__layering_case__.ts';
const serviceFile = 'src-main/services/packages/__layering_case__.ts';
const cliFile = 'src-main/cli/__layering_case__.ts';
const ipcFile = 'src-main/ipc/__layering_case__.ts';
const securityFile = 'src-main/security/__layering_case__.ts';
const preloadFile = 'src-main/preload/__layering_case__.ts';
const rendererFile = 'src-renderer/features/review/__layering_case__.tsx';
const appFile = 'src-renderer/app/__layering_case__.tsx';
const mainGlueFile = 'src-main/index.ts';

const importing = (specifier: string) =>
  `import * as m from '${specifier}';\nexport const x = m;\n`;

async function expectRefused(file: string, code: string, messagePart?: string): Promise<void> {
  const outcome = await lintAs(file, code);
  expect(outcome.rules, `${file}: ${code}`).toEqual([RULE]);
  if (messagePart) expect(outcome.messages[0]).toContain(messagePart);
}

async function expectAllowed(file: string, code: string): Promise<void> {
  const outcome = await lintAs(file, code);
  expect(outcome.rules, `${file}: ${code} → ${outcome.messages.join('; ')}`).toEqual([]);
}

describe('layering: every layer is an allow list (eslint.layering.mjs)', () => {
  it.each([
    ['node:fs', 'Node built-ins'],
    ['fs', 'Node built-ins'],
    ['crypto', 'Node built-ins'],
    ['electron', "'electron'"],
    ['react', "'react'"],
    ['@mantine/core', "'@mantine/core'"],
    ['@tanstack/react-virtual', "'@tanstack/react-virtual'"],
    ['exceljs', "'exceljs'"],
    ['pdfjs-dist', "'pdfjs-dist'"],
    ['../../src-renderer/db/db', 'src-renderer'],
    ['../../src-main/services/keys/keystore', 'src-main/services'],
  ])('rejects src-shared importing %s', async (specifier, messagePart) => {
    await expectRefused(sharedFile, importing(specifier), messagePart);
  });

  it.each([
    ['Buffer', "export const bytes = Buffer.from('x');\n"],
    ['window', 'export const width = window.innerWidth;\n'],
    ['process', 'export const env = process.env.HOME;\n'],
    ['document', 'export const title = document.title;\n'],
  ])('rejects src-shared using the global %s', async (name, code) => {
    const outcome = await lintAs(sharedFile, code);
    expect(outcome.rules).toEqual(['no-restricted-globals']);
    expect(outcome.messages[0]).toContain(`'${name}'`);
  });

  it('lets src-shared import zod, other shared modules, and use Uint8Array and TextEncoder', async () => {
    await expectAllowed(
      sharedFile,
      "import { z } from 'zod';\n" +
        "import { channels } from '../ipc/contract';\n" +
        'export const schema = [z.string(), channels];\n' +
        "export const bytes: Uint8Array = new TextEncoder().encode('启航');\n",
    );
  });

  it.each([
    ['src-shared', sharedFile],
    ['a service', serviceFile],
    ['the renderer', rendererFile],
  ])('rejects a package nobody classified yet, imported from %s', async (_what, file) => {
    await expectRefused(file, importing('left-pad'), 'uncategorized dependency');
  });

  it.each([
    ['a service', serviceFile, 'electron'],
    ['a service', serviceFile, 'electron/main'],
    ['a CLI command', cliFile, 'electron'],
    ['a service', serviceFile, 'react'],
    ['a service', serviceFile, '../../ipc/keys'],
    ['a service', serviceFile, '../../../src-renderer/db/db'],
  ])('rejects %s in src-main importing %s', async (_what, file, specifier) => {
    await expectRefused(file, importing(specifier));
  });

  it('lets a service use Node built-ins, its libraries and src-shared', async () => {
    await expectAllowed(
      serviceFile,
      "import { createHash } from 'node:crypto';\n" +
        "import yauzl from 'yauzl';\n" +
        "import { channels } from '../../../src-shared/ipc/contract';\n" +
        'export const parts = [createHash, yauzl, channels];\n',
    );
  });

  it('rejects an IPC handler importing a dialog from electron', async () => {
    await expectRefused(
      ipcFile,
      "import { dialog } from 'electron';\nexport const d = dialog;\n",
      "'electron'",
    );
  });

  it('lets an IPC handler import services and src-shared', async () => {
    await expectAllowed(
      ipcFile,
      "import { readFile } from 'node:fs/promises';\n" +
        "import { openWorkPackage } from '../services/packages/open';\n" +
        "import { channels } from '../../src-shared/ipc/contract';\n" +
        'export const parts = [readFile, openWorkPackage, channels];\n',
    );
  });

  it('lets every part of main use src-main/common, and keeps common free of services and electron', async () => {
    await expectAllowed(securityFile, importing('../common/isPathInside'));
    await expectAllowed(serviceFile, importing('../../common/isPathInside'));
    const commonFile = 'src-main/common/__layering_case__.ts';
    await expectAllowed(commonFile, importing('node:path'));
    await expectRefused(commonFile, importing('../services/keys/keystore'));
    await expectRefused(commonFile, importing('electron'));
  });

  it('lets a hardening module name Electron types, but not import Electron itself', async () => {
    await expectAllowed(
      securityFile,
      "import type { Session } from 'electron';\nexport type S = Session;\n",
    );
    await expectRefused(
      securityFile,
      "import { session } from 'electron';\nexport const s = session;\n",
    );
  });

  it.each([
    ['a key service', '../services/keys/keystore'],
    ['an IPC handler', '../ipc/keys'],
    ['Node built-ins', 'node:fs'],
    ['shared code outside the IPC contract', '../../src-shared/policy/engine'],
  ])('rejects the preload importing %s', async (_what, specifier) => {
    await expectRefused(preloadFile, importing(specifier));
  });

  it('lets the preload import electron and the IPC contract', async () => {
    await expectAllowed(
      preloadFile,
      "import { contextBridge } from 'electron';\n" +
        "import { channels } from '../../src-shared/ipc/contract';\n" +
        'export const parts = [contextBridge, channels];\n',
    );
  });

  it('lets the Electron glue in src-main/index.ts import electron', async () => {
    await expectAllowed(
      mainGlueFile,
      "import { app, BrowserWindow } from 'electron';\nexport const parts = [app, BrowserWindow];\n",
    );
  });

  it('rejects src-main importing the renderer', async () => {
    await expectRefused(mainGlueFile, importing('../src-renderer/db/db'), 'src-renderer');
  });

  it.each([
    ['src-main by a relative path', '../../../src-main/ipc/index'],
    ['electron', 'electron'],
    ['node:fs', 'node:fs'],
    ['fs/promises', 'fs/promises'],
    ['a main-only library', 'yauzl'],
    ['another feature', '../sync/SyncScreen'],
  ])('rejects the renderer importing %s', async (_what, specifier) => {
    await expectRefused(rendererFile, importing(specifier));
  });

  it('lets a feature import its own files, app, db and src-shared; lets app compose features', async () => {
    await expectAllowed(
      rendererFile,
      "import { useState } from 'react';\n" +
        "import { Button } from '@mantine/core';\n" +
        "import Dexie from 'dexie';\n" +
        "import { z } from 'zod';\n" +
        "import { ReviewForm } from './ReviewForm';\n" +
        "import { t } from '../../app/strings';\n" +
        "import { channels } from '../../../src-shared/ipc/contract';\n" +
        'export const parts = [useState, Button, Dexie, z, ReviewForm, t, channels];\n',
    );
    await expectAllowed(appFile, importing('../features/sync/SyncScreen'));
  });

  it.each([
    [sharedFile, 'node:fs'],
    [sharedFile, 'fs/promises'],
    [sharedFile, 'electron'],
    [sharedFile, 'react'],
    [serviceFile, 'electron'],
    [serviceFile, 'electron/main'],
    [rendererFile, '../../../src-main/ipc/index'],
    [rendererFile, 'node:path'],
    [rendererFile, '../sync/SyncScreen'],
    [mainGlueFile, '../src-renderer/db/db'],
  ])('rejects %s loading %s through a dynamic import()', async (file, specifier) => {
    await expectRefused(file, `export const load = () => import('${specifier}');\n`);
  });

  it('rejects require() of what the static import may not load', async () => {
    const outcome = await lintAs(serviceFile, "export const e = require('electron');\n");
    expect(outcome.rules).toContain(RULE);
  });

  it('lets dynamic imports through where the static import is allowed', async () => {
    const cases: [string, string][] = [
      [sharedFile, 'zod'],
      [serviceFile, 'node:fs'],
      [mainGlueFile, 'electron'],
      [rendererFile, 'react'],
    ];
    for (const [file, specifier] of cases) {
      await expectAllowed(file, `export const load = () => import('${specifier}');\n`);
    }
  });
});
