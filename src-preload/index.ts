import { contextBridge, ipcRenderer } from 'electron';
import { createElectronOmsApi } from './api.ts';

// The only thing the renderer gets: window.oms, built from the contract registry. No ipcRenderer,
// no Node, no generic invoke.
contextBridge.exposeInMainWorld('oms', createElectronOmsApi(ipcRenderer));
