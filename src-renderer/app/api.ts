// The renderer's only way to main: the API the preload exposed. Absent when the page is opened
// outside the app, which the shell reports instead of failing in odd places.
import type { QihangApi } from '../../src-shared/ipc/contract';

export function getApi(): QihangApi | undefined {
  return window.qihang;
}
