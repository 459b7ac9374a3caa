// Reads a WebM file's duration from its own bytes (Segment → Info → Duration × TimecodeScale),
// the way a player measures it, so the demo test can feed the policy engine a measured duration
// rather than the one the manifest states. Only what the demo's ffmpeg output needs: EBML
// element walking, no lacing, no clusters.

const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;

/** A variable-length integer at `at`: its value (marker bit kept for ids) and its length. */
function vint(buf: Uint8Array, at: number, keepMarker: boolean): { value: number; len: number } {
  const first = buf[at]!;
  let len = 1;
  while (len <= 8 && !(first & (0x80 >> (len - 1)))) len++;
  if (len > 8) throw new Error(`bad EBML length at byte ${at}`);
  let value = keepMarker ? first : first & (0xff >> len);
  for (let i = 1; i < len; i++) value = value * 256 + buf[at + i]!;
  return { value, len };
}

function uint(buf: Uint8Array, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + buf[at + i]!;
  return v;
}

/** Seconds, or undefined when the file states no duration. */
export function webmDurationSeconds(buf: Uint8Array): number | undefined {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let at = 0;
  let end = buf.length;
  let scale = 1_000_000; // nanoseconds per tick, the Matroska default
  let ticks: number | undefined;
  while (at < end) {
    const id = vint(buf, at, true);
    const size = vint(buf, at + id.len, false);
    const body = at + id.len + size.len;
    if (id.value === SEGMENT) {
      at = body; // enter: Info is among its first children
      continue;
    }
    if (id.value === INFO) {
      at = body;
      // The walk ends with Info; an unknown size (all ones) would run to the end of the file.
      end = size.value === 2 ** (7 * size.len) - 1 ? buf.length : body + size.value;
      continue;
    }
    if (id.value === TIMECODE_SCALE) scale = uint(buf, body, size.value);
    else if (id.value === DURATION)
      ticks = size.value === 4 ? view.getFloat32(body) : view.getFloat64(body);
    at = body + size.value;
  }
  return ticks === undefined ? undefined : (ticks * scale) / 1e9;
}
