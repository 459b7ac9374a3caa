// UTF-8 for the multi-megabyte JSON of result bundles. On Node 20 (the tests, the intake, the
// CLIs) V8 converts between UTF-8 and its own strings byte by byte once the text holds Chinese:
// about 20 ms each way for the 3 MB records.json of a 10,000-review bundle, more than half of
// building and verifying it (bench/bundle-sign.bench.ts). ICU's converter behind
// buffer.transcode does the same conversion in about 1 ms, and a UTF-16LE buffer becomes a
// string (and back) as a plain copy. Where a Node lacks ICU (transcode missing or throwing),
// the ordinary conversion answers: same result, only slower.
import { isUtf8, transcode } from 'node:buffer';

// Below this the ordinary decoding is as fast and allocates less.
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
 * The UTF-8 bytes of JSON text made by JSON.stringify, through ICU, or the ordinary conversion in
 * a Node without ICU. Only for that text: JSON.stringify escapes lone surrogates, so it is
 * well-formed UTF-16 and both conversions agree byte for byte (for a lone surrogate Buffer.from
 * writes U+FFFD where ICU might not).
 */
function transcodeJson(json: string): Buffer {
  try {
    return transcode(Buffer.from(json, 'utf16le'), 'utf16le', 'utf8');
  } catch {
    return Buffer.from(json, 'utf8');
  }
}

/**
 * Text of one piece below this many UTF-16 units: 64 Ki units of Chinese text is a 128 KiB
 * string, the size from which V8 puts a string in its large-object space, where every one is
 * mapped and freed on its own.
 */
const PIECE_UNITS = 24 * 1024;

/**
 * The UTF-8 bytes of JSON.stringify(items), byte for byte, without ever making that one string.
 * JSON.stringify builds a long result out of 16 Ki-unit parts, and the first read of it (as the
 * conversion does) copies them into one flat string of twice the text's length in the
 * large-object space: for the 3 MB records.json of 10,000 reviews, about 15 ms of the 25 that
 * serialising and converting took. Here the array is serialised a slice at a time, each slice
 * sized from the ones before to stay small, converted, and the byte pieces joined. Only for
 * plain JSON data (no toJSON that reads its key: an element's key is its index in the slice).
 */
export function encodeJsonArrayUtf8(items: readonly unknown[]): Buffer {
  if (items.length === 0) return Buffer.from('[]');
  const pieces: Buffer[] = [];
  let start = 0;
  let take = 16;
  while (start < items.length) {
    const end = Math.min(items.length, start + take);
    const json = JSON.stringify(items.slice(start, end));
    // Through ICU at any size here: the pieces are small, but all of them make a large text.
    const bytes = transcodeJson(json);
    // '[a,b]' → 'a,b': the brackets and the comma between slices are one byte each in UTF-8.
    pieces.push(bytes.subarray(1, bytes.byteLength - 1));
    // Next slice: as many elements as fit the budget at this slice's size per element.
    take = Math.max(1, Math.floor((PIECE_UNITS * (end - start)) / json.length));
    start = end;
  }
  const total = pieces.reduce((n, p) => n + p.byteLength, 0) + pieces.length + 1;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  out[at++] = 0x5b; // [
  pieces.forEach((piece, i) => {
    if (i > 0) out[at++] = 0x2c; // ,
    at += piece.copy(out, at);
  });
  out[at++] = 0x5d; // ]
  return out;
}
