// The chair's actions that go through main: importing an expert's bundle and saving the
// documents. Each runs with `api` and `db` passed in and answers with a message to show,
// never throws, so the component only shows what the flow reports.
import type { QihangApi } from '../../../src-shared/ipc/contract';
import type { PanelSummary } from '../../../src-shared/panel/summary';
import type { WorkstationDb } from '../../db/db';
import type { PanelRow } from '../../db/types';
import { t } from '../../app/strings';
import { importExpertRecords, panelExpertKeys, type ImportSummary } from './panelStore';
import { panelDocInput } from './panelDocInput';

export type FlowReport =
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string; code?: string; detail?: string }
  | { kind: 'imported'; summary: ImportSummary; otherRecords: number }
  | { kind: 'saved'; path: string };

export async function importBundleFlow(
  api: QihangApi,
  db: WorkstationDb,
  panel: PanelRow,
  profileId: string,
): Promise<FlowReport> {
  try {
    const experts = await panelExpertKeys(db, panel);
    if (experts.length === 0) return { kind: 'error', message: t.panel.notChair };
    const r = await api.panel.importExpertBundle({ experts });
    if (!r.ok) return { kind: 'error', code: r.error.code, message: r.error.message };
    if (r.value.path === null || !('fileName' in r.value)) return { kind: 'cancelled' };
    const summary = await importExpertRecords(db, { panel, profileId, bundle: r.value });
    return { kind: 'imported', summary, otherRecords: r.value.otherRecords };
  } catch (e) {
    // The exception's text is for support (详情); the person reads the plain sentence.
    return { kind: 'error', code: 'unexpected', message: '', detail: String(e) };
  }
}

export async function exportDocFlow(
  api: QihangApi,
  summary: PanelSummary,
  format: 'docx' | 'xlsx',
  meta: { chairName: string; place: string; date: string; organizations?: Map<string, string> },
  profileId: string,
): Promise<FlowReport> {
  try {
    // Main marks a demo profile's documents 演示 from its own record of this id.
    const request = { ...panelDocInput(summary, meta), profileId };
    const r =
      format === 'docx'
        ? await api.panel.saveRecordDocx(request)
        : await api.panel.saveResultsXlsx(request);
    if (!r.ok) return { kind: 'error', code: r.error.code, message: r.error.message };
    if (r.value.path === null) return { kind: 'cancelled' };
    return { kind: 'saved', path: r.value.path };
  } catch (e) {
    // The exception's text is for support (详情); the person reads the plain sentence.
    return { kind: 'error', code: 'unexpected', message: '', detail: String(e) };
  }
}
