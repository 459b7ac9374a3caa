// Sandboxed preload: exposes the contract's API under one global, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL } from '../../src-shared/ipc/contract';
import { buildApi } from './api';

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  buildApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
