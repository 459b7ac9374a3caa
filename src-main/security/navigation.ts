// The window never leaves the app: navigation, new windows and webviews are refused. Written
// against minimal interfaces so tests drive them with plain objects.

interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableEvent, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function installNavigationGuards(
  contents: NavigationContents,
  onBlocked?: (what: string, url: string) => void,
): void {
  contents.on('will-navigate', (event: PreventableEvent, url: string) => {
    event.preventDefault();
    onBlocked?.('navigate', url);
  });
  contents.on('will-redirect', (event: PreventableEvent, url: string) => {
    event.preventDefault();
    onBlocked?.('redirect', url);
  });
  contents.on('will-attach-webview', (event: PreventableEvent) => {
    event.preventDefault();
    onBlocked?.('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked?.('window-open', url);
    return { action: 'deny' };
  });
}
