// The import dialog's one line of what is happening now.
import { t } from '../../app/strings';
import type { ImportView } from './importFlow';

const s = t.packageImport;

export function phaseText(view: ImportView): string {
  if (view.step === 'writing') {
    if (!view.total) return s.phase.writing;
    if (view.stage === 'clearing') return s.phase.clearingRows(view.done ?? 0, view.total);
    // Each page is received, looked up and written in turn: naming the stage flipped the line
    // between three texts several times a second. The rows written so far only ever grow.
    return s.phase.writingRows(view.written ?? 0, view.total);
  }
  if (view.step !== 'running') return s.phase.starting;
  switch (view.phase) {
    case 'uploading':
      return s.phase.uploading(view.done, view.total);
    case 'signature':
      return s.phase.signature;
    case 'files':
      return s.phase.files(view.done, view.total);
    case 'external':
      return s.phase.external(view.done, view.total);
  }
}
