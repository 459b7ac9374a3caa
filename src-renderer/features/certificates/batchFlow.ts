// Saving a batch, start to finish, outside any component: the print log decides first whether
// this may print (a reprint needs a reason), main writes the PDF, and only a written file is
// logged. Never throws; the screen shows what it reports.
import type { Calibration } from '../../../src-shared/certificates/template';
import type { BatchItem, HeldWire } from '../../../src-shared/ipc/certificates';
import type { QihangApi } from '../../../src-shared/ipc/contract';
import type { IpcResult } from '../../../src-shared/ipc/result';
import type { Profile } from '../../../src-shared/profiles/roles';
import type { WorkstationDb } from '../../db/db';
import { checkPrint, recordPrint } from './printLogStore';

export interface SaveInput {
  api: QihangApi;
  db: WorkstationDb;
  profile: Profile;
  classId: string;
  className?: string;
  items: BatchItem[];
  calibration: Calibration;
  copies: number;
  reason: string;
  now?: () => Date;
}

export type SaveOutcome =
  | { kind: 'saved'; path: string; numbers: string[]; held: HeldWire[] }
  | { kind: 'nothing'; held: HeldWire[] }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string; code?: string; detail?: string };

const batchId = (at: Date) =>
  `b${at.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

type Refused = Exclude<SaveOutcome, { kind: 'saved' }>;
type Sent<V> = { status: 'cancelled' } | { status: 'nothing'; held: HeldWire[] } | V;

/**
 * The one batch round trip for saving and printing: the print log's check, main's answer, and
 * only a batch main reports done is logged, with `destinationOf` naming where it went.
 */
async function runBatch<V extends { status: 'saved' | 'printed'; numbers: string[] }>(
  input: SaveInput,
  kind: 'file' | 'printer',
  send: () => Promise<IpcResult<Sent<V>>>,
  destinationOf: (v: V) => string,
): Promise<{ kind: 'done'; value: V } | Refused> {
  const now = input.now ?? (() => new Date());
  const at = now();
  const base = {
    batchId: batchId(at),
    actor: { profileId: input.profile.id, name: input.profile.name },
    at: at.toISOString(),
    classId: input.classId,
    numbers: input.items.map((i) => i.number),
    copies: input.copies,
    ...(input.reason.trim() ? { reason: input.reason.trim() } : {}),
  };
  try {
    const check = await checkPrint(input.db, {
      ...base,
      destination: { kind, name: '（待选择）' },
    });
    if (!check.ok) return { kind: 'failed', message: check.message };
    const r = await send();
    if (!r.ok) return { kind: 'failed', ...r.error };
    const v = r.value;
    if (v.status === 'cancelled') return { kind: 'cancelled' };
    if (v.status === 'nothing') return { kind: 'nothing', held: v.held };
    const logged = await recordPrint(input.db, input.profile.id, {
      ...base,
      numbers: v.numbers,
      destination: { kind, name: destinationOf(v) },
    });
    if (!logged.ok) return { kind: 'failed', message: logged.message };
    return { kind: 'done', value: v };
  } catch (e) {
    // The exception's own text is for support: the person reads the plain sentence.
    return { kind: 'failed', code: 'unexpected', message: '', detail: String(e) };
  }
}

const importerOf = (input: SaveInput) => ({
  profileId: input.profile.id,
  demo: input.profile.demo === true,
});

const batchOf = (input: SaveInput) => ({
  importer: importerOf(input),
  classId: input.classId,
  ...(input.className ? { className: input.className } : {}),
  items: input.items,
  calibration: input.calibration,
});

export async function saveBatchFlow(input: SaveInput): Promise<SaveOutcome> {
  const r = await runBatch(
    input,
    'file',
    () => input.api.certificates.saveBatch(batchOf(input)),
    (v) => v.path,
  );
  if (r.kind !== 'done') return r;
  const { path, numbers, held } = r.value;
  return { kind: 'saved', path, numbers, held };
}

export type PrintOutcome =
  | { kind: 'printed'; printer: string; numbers: string[]; held: HeldWire[] }
  | { kind: 'nothing'; held: HeldWire[] }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string; code?: string; detail?: string };

/**
 * Printing through the system print dialog: the same checks as saving, main prints the same
 * PDF, and only a job the dialog accepted is logged (with the printer as its destination).
 */
export async function printBatchFlow(input: SaveInput): Promise<PrintOutcome> {
  const r = await runBatch(
    input,
    'printer',
    () =>
      input.api.certificates.printBatch({
        ...batchOf(input),
        copies: input.copies,
      }),
    (v) => v.printer,
  );
  if (r.kind !== 'done') return r;
  const { printer, numbers, held } = r.value;
  return { kind: 'printed', printer, numbers, held };
}
