// What handlers need from the host, injected so the same handlers run under Electron and in
// the browser harness.
export interface MainContext {
  version: string;
  host: 'electron' | 'browser-harness';
  packaged: boolean;
  platform: string;
  /** Folder holding fonts, templates, the policy pack and the demo package. */
  resourcesDir: string;
  /** Folder for the workstation's own files (keystores, exports). */
  userDataDir: string;
}
