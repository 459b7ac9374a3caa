// The QR symbol a certificate carries, as one function for the PDF writer (main) and the
// on-screen preview (renderer), so both draw the same modules. `qr` (paulmillr) scores the
// eight mask patterns over packed bit rows; the `qrcode` package it replaced spent ~10 ms per
// certificate there and in its mixed-mode segmentation, most of a 1,000-page batch's time.
import encodeQR from 'qr';

/** White modules around the symbol, drawn as part of the image. */
export const QR_QUIET_MODULES = 2;

/**
 * Rows of modules (true = dark), quiet zone included. Byte mode over the whole text: the
 * signed record is base64url, which alphanumeric mode cannot hold, and searching for a mixed
 * segmentation saved a few bits at a large cost. Error correction M (15 %) as before.
 */
export function qrModules(payload: string): boolean[][] {
  return encodeQR(payload, 'raw', { ecc: 'medium', encoding: 'byte', border: QR_QUIET_MODULES });
}
