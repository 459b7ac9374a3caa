// Sandboxed preload: exposes the contract's API under one global, nothing else.
import '../../src-shared/ipc/pageZod';
import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL } from '../../src-shared/ipc/contract';
import { buildApi } from './api';

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  buildApi(
    (channel, payload) => ipcRenderer.invoke(channel, payload),
    // The event object stays here: the page sees only the checked message.
    (channel, listener) => ipcRenderer.on(channel, (_event, message: unknown) => listener(message)),
  ),
);
