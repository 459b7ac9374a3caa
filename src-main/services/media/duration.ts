// A media file's real duration, read from its own container the way a player measures it, so
// the checks that need it (replay covers its session, course package ≥ 45 minutes) never have
// to trust the duration the manifest states. WebM: Segment → Info → Duration × TimecodeScale.
// MP4: moov → mvhd duration ÷ timescale. No decoding, no clusters, no sample tables.

const EBML_SEGMENT = 0x18538067;
const EBML_INFO = 0x1549a966;
const EBML_TIMECODE_SCALE = 0x2ad7b1;
const EBML_DURATION = 0x4489;

/** A variable-length integer at `at`: its value (marker bit kept for ids) and its length. */
function vint(
  buf: Uint8Array,
  at: number,
  keepMarker: boolean,
): { value: number; len: number } | undefined {
  const first = buf[at];
  if (first === undefined || first === 0) return undefined;
  let len = 1;
  while (!(first & (0x80 >> (len - 1)))) len++;
  if (at + len > buf.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> len);
  for (let i = 1; i < len; i++) value = value * 256 + buf[at + i]!;
  return { value, len };
}

function uint(buf: Uint8Array, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + buf[at + i]!;
  return v;
}

/** Seconds from the head of a WebM/Matroska file, or undefined when it states none. */
export function webmDurationSeconds(buf: Uint8Array): number | undefined {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let at = 0;
  let end = buf.length;
  let scale = 1_000_000; // nanoseconds per tick, the Matroska default
  let ticks: number | undefined;
  while (at < end) {
    const id = vint(buf, at, true);
    const size = id && vint(buf, at + id.len, false);
    if (!id || !size) break;
    const body = at + id.len + size.len;
    if (id.value === EBML_SEGMENT) {
      at = body; // enter: Info is among its first children
      continue;
    }
    if (id.value === EBML_INFO) {
      at = body;
      // The walk ends with Info; an unknown size (all ones) would run to the end of the buffer.
      end =
        size.value === 2 ** (7 * size.len) - 1
          ? buf.length
          : Math.min(buf.length, body + size.value);
      continue;
    }
    if (body + size.value > buf.length && id.value !== EBML_SEGMENT) break;
    if (id.value === EBML_TIMECODE_SCALE) scale = uint(buf, body, size.value);
    else if (id.value === EBML_DURATION)
      ticks = size.value === 4 ? view.getFloat32(body) : view.getFloat64(body);
    at = body + size.value;
  }
  return ticks === undefined || !Number.isFinite(ticks) ? undefined : (ticks * scale) / 1e9;
}

/** Seconds from an MP4 `moov` box body (its mvhd), or undefined. */
export function mp4DurationSeconds(moov: Uint8Array): number | undefined {
  const view = new DataView(moov.buffer, moov.byteOffset, moov.byteLength);
  let at = 0;
  while (at + 8 <= moov.length) {
    const size = view.getUint32(at);
    const type = String.fromCharCode(...moov.subarray(at + 4, at + 8));
    if (size < 8 || at + size > moov.length) return undefined;
    if (type === 'mvhd') {
      const body = at + 8;
      const version = moov[body];
      if (version === 1 && size >= 8 + 32) {
        const timescale = view.getUint32(body + 20);
        const duration = Number(view.getBigUint64(body + 24));
        return timescale > 0 ? duration / timescale : undefined;
      }
      if (size >= 8 + 20) {
        const timescale = view.getUint32(body + 12);
        const duration = view.getUint32(body + 16);
        return timescale > 0 && duration !== 0xffffffff ? duration / timescale : undefined;
      }
      return undefined;
    }
    at += size;
  }
  return undefined;
}
