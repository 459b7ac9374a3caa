// UTF-8 for the multi-megabyte JSON of result bundles. On Node 20 (the tests, the intake, the
// CLIs) V8 converts between UTF-8 and its own strings byte by byte once the text holds Chinese:
// about 20 ms each way for the 3 MB records.json of a 10,000-review bundle, more than half of
// building and verifying it (bench/bundle-sign.bench.ts). ICU's converter behind
// buffer.transcode does the same conversion in about 1 ms, and a UTF-16LE buffer becomes a
// string (and back) as a plain copy. Where a Node lacks ICU (transcode missing or throwing),
// the ordinary conversion answers: same result, only slower.
import { isUtf8, transcode } from 'node:buffer';

// Below this the ordinary conversion is as fast and allocates less.
const LARGE = 64 * 1024;

/**
 * The text of bytes that must be well-formed UTF-8; throws on anything else. A byte order mark
 * stays in the text (as U+FEFF), so JSON.parse refuses it as the strict reading always has.
 */
export function decodeStrictUtf8(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Checked first: transcode would replace a bad sequence with U+FFFD instead of failing.
  if (!isUtf8(buf)) throw new Error('not UTF-8');
  if (buf.byteLength >= LARGE) {
    try {
      return transcode(buf, 'utf8', 'utf16le').toString('utf16le');
    } catch {
      // no ICU in this Node: fall through
    }
  }
  return buf.toString('utf8');
}

/**
 * The UTF-8 bytes of JSON text made by JSON.stringify. Only for that: JSON.stringify escapes
 * lone surrogates, so the text is well-formed UTF-16 and both conversions agree byte for byte
 * (for a lone surrogate Buffer.from writes U+FFFD where ICU might not).
 */
export function encodeJsonUtf8(json: string): Buffer {
  if (json.length >= LARGE) {
    try {
      return transcode(Buffer.from(json, 'utf16le'), 'utf16le', 'utf8');
    } catch {
      // no ICU in this Node: fall through
    }
  }
  return Buffer.from(json, 'utf8');
}
