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

const sharedFile = 'src-shared/policy/__layering_case__.ts';
const serviceFile = 'src-main/services/packages/__layering_case__.ts';
const cliFile = 'src-main/cli/__layering_case__.ts';
const rendererFile = 'src-renderer/features/review/__layering_case__.tsx';
const mainGlueFile = 'src-main/index.ts';

describe('layering rules in eslint.layering.mjs', () => {
  it.each([
    ['node:fs', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n"],
    ['fs', "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n"],
    ['crypto', "import { createHash } from 'crypto';\nexport const hash = createHash;\n"],
    ['electron', "import { app } from 'electron';\nexport const name = app.name;\n"],
    ['react', "import { useState } from 'react';\nexport const hook = useState;\n"],
    ['@mantine/core', "import { Button } from '@mantine/core';\nexport const B = Button;\n"],
    ['the renderer', "import { db } from '../../src-renderer/db/db';\nexport const d = db;\n"],
  ])('rejects src-shared importing %s', async (_what, code) => {
    const outcome = await lintAs(sharedFile, code);
    expect(outcome.rules).toEqual(['no-restricted-imports']);
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

  it('lets src-shared import zod and use Uint8Array and TextEncoder', async () => {
    const code =
      "import { z } from 'zod';\n" +
      'export const schema = z.string();\n' +
      "export const bytes: Uint8Array = new TextEncoder().encode('启航');\n";
    const outcome = await lintAs(sharedFile, code);
    expect(outcome.rules).toEqual([]);
  });

  it.each([
    ['a service', serviceFile],
    ['a CLI command', cliFile],
  ])('rejects %s in src-main importing electron', async (_what, file) => {
    const outcome = await lintAs(
      file,
      "import { safeStorage } from 'electron';\nexport const s = safeStorage;\n",
    );
    expect(outcome.rules).toEqual(['no-restricted-imports']);
    expect(outcome.messages[0]).toContain('electron');
  });

  it('lets a service use Node built-ins such as node:crypto', async () => {
    const code = "import { createHash } from 'node:crypto';\nexport const hash = createHash;\n";
    const outcome = await lintAs(serviceFile, code);
    expect(outcome.rules).toEqual([]);
  });

  it('lets the Electron glue in src-main/index.ts import electron', async () => {
    const code =
      "import { app, BrowserWindow } from 'electron';\nexport const parts = [app, BrowserWindow];\n";
    const outcome = await lintAs(mainGlueFile, code);
    expect(outcome.rules).toEqual([]);
  });

  it('rejects src-main importing the renderer', async () => {
    const code = "import { db } from '../src-renderer/db/db';\nexport const d = db;\n";
    const outcome = await lintAs(mainGlueFile, code);
    expect(outcome.rules).toEqual(['no-restricted-imports']);
  });

  it.each([
    ['src-main by a relative path', "import { gate } from '../../../src-main/ipc/index';\n"],
    ['src-main two levels up', "import { gate } from '../../src-main/ipc/index';\n"],
    ['electron', "import { ipcRenderer } from 'electron';\n"],
    ['node:fs', "import { readFileSync } from 'node:fs';\n"],
    ['fs/promises', "import { readFile } from 'fs/promises';\n"],
  ])('rejects the renderer importing %s', async (_what, importLine) => {
    const outcome = await lintAs(rendererFile, `${importLine}export const x = 1;\n`);
    expect(outcome.rules).toContain('no-restricted-imports');
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
    [mainGlueFile, '../src-renderer/db/db'],
  ])('rejects %s loading %s through a dynamic import()', async (file, specifier) => {
    const outcome = await lintAs(file, `export const load = () => import('${specifier}');\n`);
    expect(outcome.rules).toEqual(['no-restricted-syntax']);
  });

  it('lets dynamic imports through where the static import is allowed', async () => {
    const cases: [string, string][] = [
      [sharedFile, 'zod'],
      [serviceFile, 'node:fs'],
      [mainGlueFile, 'electron'],
      [rendererFile, 'react'],
    ];
    for (const [file, specifier] of cases) {
      const outcome = await lintAs(file, `export const load = () => import('${specifier}');\n`);
      expect(outcome.rules, `${file} importing ${specifier}`).toEqual([]);
    }
  });

  it('lets the renderer import React, Mantine, Dexie and src-shared', async () => {
    const code =
      "import { useState } from 'react';\n" +
      "import { Button } from '@mantine/core';\n" +
      "import Dexie from 'dexie';\n" +
      "import { z } from 'zod';\n" +
      "import { channels } from '../../../src-shared/ipc/contract';\n" +
      'export const parts = [useState, Button, Dexie, z, channels];\n';
    const outcome = await lintAs(rendererFile, code);
    expect(outcome.rules).toEqual([]);
  });
});
