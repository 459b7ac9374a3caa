// SHA-256 through WebCrypto, a web-standard global in both Chromium and Node, so shared code
// can hash without importing Node. Main may inject node:crypto's faster sync hash instead.

export type HashHex = (bytes: Uint8Array) => Promise<string>;

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export const webSha256Hex: HashHex = async (bytes) => {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
};
