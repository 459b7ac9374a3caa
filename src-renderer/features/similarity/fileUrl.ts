// The address of a verified package file on the app:// files route (served by main from the
// package store, hash checked against the signed manifest): /files/<packageId>/<sha256>,
// relative to the page's own origin so it works under Electron and in the browser harness.
export function packageFileUrl(packageId: string, sha256: string): string {
  return `/files/${encodeURIComponent(packageId)}/${sha256}`;
}
