/// <reference types="vite/client" />
import type { QihangApi } from '../src-shared/ipc/contract';

declare global {
  interface Window {
    readonly qihang?: QihangApi;
  }
}
