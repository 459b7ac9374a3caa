// Which codecs a media file uses, read from its container without decoding: MP4 sample entries
// (moov/trak/mdia/minf/stbl/stsd) and WebM CodecID elements. Cheap (a few reads), so every
// verified file gets it, and a file Chromium cannot play is named with its codec before the
// auditor presses play instead of failing silently in the player.
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { MediaCodec } from '../../../src-shared/ipc/media';
import { mp4DurationSeconds, webmDurationSeconds } from './duration';

/** What Chromium (and so Electron) plays without platform decoders. */
const PLAYABLE = new Set([
  'avc1',
  'avc3',
  'vp08',
  'vp09',
  'av01',
  'mp4a',
  'Opus',
  'fLaC',
  'V_VP8',
  'V_VP9',
  'V_AV1',
  'V_MPEG4/ISO/AVC',
  'A_OPUS',
  'A_VORBIS',
  'A_AAC',
  'A_FLAC',
]);

/** Names people recognise, for the message. */
const CODEC_NAMES: Record<string, string> = {
  hvc1: 'H.265/HEVC',
  hev1: 'H.265/HEVC',
  dvh1: 'Dolby Vision (HEVC)',
  dvhe: 'Dolby Vision (HEVC)',
  'V_MPEGH/ISO/HEVC': 'H.265/HEVC',
  'ac-3': 'Dolby AC-3',
  'ec-3': 'Dolby E-AC-3',
  A_AC3: 'Dolby AC-3',
  A_EAC3: 'Dolby E-AC-3',
  A_DTS: 'DTS',
};

const MAX_MOOV_BYTES = 64 * 1024 * 1024;
const WEBM_HEAD_BYTES = 256 * 1024;
const MP4_CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** Top-level boxes by seeking on their sizes: moov may sit at the end of a multi-GB file. */
async function findMoov(fh: FileHandle, size: number): Promise<Buffer | undefined> {
  let at = 0;
  for (let boxes = 0; at + 8 <= size && boxes < 10_000; boxes++) {
    const head = await readAt(fh, at, 16);
    if (head.length < 8) return undefined;
    let boxSize = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    let headerLen = 8;
    if (boxSize === 1) {
      if (head.length < 16) return undefined;
      boxSize = Number(head.readBigUInt64BE(8));
      headerLen = 16;
    } else if (boxSize === 0) {
      boxSize = size - at;
    }
    if (boxSize < headerLen) return undefined;
    if (type === 'moov') {
      if (boxSize > MAX_MOOV_BYTES) return undefined;
      return readAt(fh, at + headerLen, boxSize - headerLen);
    }
    at += boxSize;
  }
  return undefined;
}

/** Each track's handler ('vide'/'soun') and the fourcc of its first sample entry. */
function mp4Tracks(moov: Buffer): { handler: string; codec: string }[] {
  const tracks: { handler: string; codec: string }[] = [];
  let handler = '';
  const walk = (buf: Buffer): void => {
    let at = 0;
    while (at + 8 <= buf.length) {
      const boxSize = buf.readUInt32BE(at);
      const type = buf.toString('latin1', at + 4, at + 8);
      if (boxSize < 8 || at + boxSize > buf.length) return;
      const body = buf.subarray(at + 8, at + boxSize);
      if (type === 'trak') handler = '';
      if (type === 'hdlr' && body.length >= 12) handler = body.toString('latin1', 8, 12);
      if (type === 'stsd' && body.length >= 16) {
        tracks.push({ handler, codec: body.toString('latin1', 12, 16) });
      } else if (MP4_CONTAINERS.has(type)) {
        walk(body);
      }
      at += boxSize;
    }
  };
  walk(moov);
  return tracks;
}

/** CodecID elements (0x86) with a short ASCII value such as V_VP9 or A_OPUS. */
function webmCodecs(head: Buffer): string[] {
  const found: string[] = [];
  for (let i = 0; i + 2 < head.length; i++) {
    if (head[i] !== 0x86) continue;
    const lenByte = head[i + 1]!;
    if ((lenByte & 0x80) === 0) continue;
    const len = lenByte & 0x7f;
    if (len < 3 || len > 32 || i + 2 + len > head.length) continue;
    const text = head.toString('latin1', i + 2, i + 2 + len);
    if (/^[VA]_[A-Z0-9/_.-]+$/.test(text) && !found.includes(text)) found.push(text);
  }
  return found;
}

function verdict(
  fileName: string,
  container: MediaCodec['container'],
  video: string | undefined,
  audio: string | undefined,
): MediaCodec {
  const base = {
    container,
    ...(video ? { video } : {}),
    ...(audio ? { audio } : {}),
  };
  if (!video) {
    return {
      ...base,
      playable: false,
      message: `媒体文件“${fileName}”中未找到可识别的视频轨（${container === 'unknown' ? '不是 MP4 或 WebM 文件' : container.toUpperCase()}），无法播放`,
    };
  }
  const bad = [video, audio].filter((c): c is string => c !== undefined && !PLAYABLE.has(c));
  if (bad.length === 0) return { ...base, playable: true };
  const named = bad.map((c) => (CODEC_NAMES[c] ? `${CODEC_NAMES[c]}（${c}）` : c)).join('、');
  return {
    ...base,
    playable: false,
    message: `媒体文件“${fileName}”使用 ${named} 编码，本工作站的播放器（Chromium）无法解码，不能播放；请向培训组织方索取 H.264 或 VP9 编码的版本`,
  };
}

function withDuration(codec: MediaCodec, seconds: number | undefined): MediaCodec {
  return seconds !== undefined && seconds >= 0
    ? { ...codec, durationSeconds: Math.round(seconds * 1000) / 1000 }
    : codec;
}

/** The codecs of a file; never throws (an unreadable file is 'unknown', not playable). */
export async function sniffCodec(filePath: string, displayName: string): Promise<MediaCodec> {
  const name = displayName || path.basename(filePath);
  let fh: FileHandle | undefined;
  try {
    fh = await open(filePath, 'r');
    const { size } = await fh.stat();
    const head = await readAt(fh, 0, Math.min(size, WEBM_HEAD_BYTES));
    if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) {
      const codecs = webmCodecs(head);
      return withDuration(
        verdict(
          name,
          'webm',
          codecs.find((c) => c.startsWith('V_')),
          codecs.find((c) => c.startsWith('A_')),
        ),
        webmDurationSeconds(head),
      );
    }
    if (head.length >= 8 && head.toString('latin1', 4, 8) === 'ftyp') {
      const moov = await findMoov(fh, size);
      const tracks = moov ? mp4Tracks(moov) : [];
      return withDuration(
        verdict(
          name,
          'mp4',
          tracks.find((t) => t.handler === 'vide')?.codec,
          tracks.find((t) => t.handler === 'soun')?.codec,
        ),
        moov ? mp4DurationSeconds(moov) : undefined,
      );
    }
    return verdict(name, 'unknown', undefined, undefined);
  } catch {
    return verdict(name, 'unknown', undefined, undefined);
  } finally {
    await fh?.close();
  }
}
