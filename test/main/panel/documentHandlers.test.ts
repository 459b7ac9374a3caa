import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MainContext } from '../../../src-main/ipc/context';
import { panelHandlers } from '../../../src-main/ipc/panel';
import { pinProfileKind } from '../../../src-main/services/packages/profileKinds';
import { DEMO_DOCUMENT_NOTICE } from '../../../src-shared/profiles/demoMark';
import { ScriptedDialogs } from '../../doubles/dialogs';
import { makePanelRecordData } from '../../fixtures/panelRecordData';
import { readZip } from '../demo/zip';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

function context(userDataDir: string, dialogs: ScriptedDialogs): MainContext {
  return {
    version: '0.0.0-test',
    host: 'browser-harness',
    packaged: false,
    platform: 'linux',
    resourcesDir: '/nonexistent',
    userDataDir,
    dialogs,
    sealer: {
      isEncryptionAvailable: () => false,
      backend: () => 'test',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
  } as MainContext;
}

async function saved(demo: boolean) {
  const userData = temp.sync('panel-docs-');
  await pinProfileKind(path.join(userData, 'keys'), 'p-chair', demo);
  const dialogs = new ScriptedDialogs();
  const target = path.join(temp.sync('panel-docs-out-'), 'record.docx');
  dialogs.answerNextSave(target);
  const r = await panelHandlers(context(userData, dialogs)).saveRecordDocx({
    ...makePanelRecordData(),
    profileId: 'p-chair',
  });
  expect(r).toEqual({ ok: true, value: { path: target } });
  const entries = await readZip(readFileSync(target));
  const headers = [...entries.entries()]
    .filter(([n]) => n.startsWith('word/header'))
    .map(([, b]) => b.toString('utf8'))
    .join('');
  return { name: dialogs.asked[0]!.defaultName!, headers };
}

describe('panel documents through main', () => {
  it('marks the 会审记录 of a profile main knows as a demo profile, in name and content', async () => {
    const { name, headers } = await saved(true);
    expect(name).toBe('演示-会审记录_创业计划书评审组_2025-07-05.docx');
    expect(headers).toContain(DEMO_DOCUMENT_NOTICE);
  });

  it("leaves a normal profile's record unmarked", async () => {
    const { name, headers } = await saved(false);
    expect(name).toBe('会审记录_创业计划书评审组_2025-07-05.docx');
    expect(headers).not.toContain('演示');
  });
});
