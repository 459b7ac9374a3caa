// pngjs ships no types; this is the part of its API the certificate QR reader uses.
declare module 'pngjs' {
  export const PNG: {
    sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } };
  };
}
