import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffCodec } from '../../../src-main/services/media/codec';
import { tempFolders } from '../tempFolders';

const temp = tempFolders();

/** An ISO-BMFF box: 32-bit size, four-character type, body. */
function box(type: string, ...body: Buffer[]): Buffer {
  const payload = Buffer.concat(body);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
}

/** A track whose handler is `handler` and whose first sample entry is `fourcc`. */
function track(handler: 'vide' | 'soun', fourcc: string): Buffer {
  const hdlr = box(
    'hdlr',
    Buffer.alloc(4),
    Buffer.alloc(4),
    Buffer.from(handler, 'latin1'),
    Buffer.alloc(12),
  );
  const entry = box(fourcc, Buffer.alloc(78));
  const stsdHeader = Buffer.alloc(8);
  stsdHeader.writeUInt32BE(1, 4);
  const stsd = box('stsd', stsdHeader, entry);
  return box('trak', box('mdia', hdlr, box('minf', box('stbl', stsd))));
}

/** mvhd version 0: flags, creation and modification times, timescale, duration. */
function mvhd(timescale: number, duration: number): Buffer {
  const body = Buffer.alloc(100);
  body.writeUInt32BE(timescale, 12);
  body.writeUInt32BE(duration, 16);
  return box('mvhd', body);
}

/** A minimal MP4: ftyp, then a large mdat, then moov at the end as cameras often write it. */
function mp4(video: string, audio?: string, seconds?: number): Buffer {
  const ftyp = box('ftyp', Buffer.from('isom\0\0\0\0isomiso2', 'latin1'));
  const mdat = box('mdat', Buffer.alloc(300_000, 1));
  const moov = box(
    'moov',
    ...(seconds !== undefined ? [mvhd(600, seconds * 600)] : []),
    track('vide', video),
    ...(audio ? [track('soun', audio)] : []),
  );
  return Buffer.concat([ftyp, mdat, moov]);
}

/** A WebM head: the EBML magic and CodecID elements (0x86) as a muxer writes them. */
function webm(...codecIds: string[]): Buffer {
  const ids = codecIds.map((c) =>
    Buffer.concat([Buffer.from([0x86, 0x80 | c.length]), Buffer.from(c, 'latin1')]),
  );
  return Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x84, 0, 0, 0, 0]),
    ...ids,
    Buffer.alloc(100),
  ]);
}

async function sniff(name: string, bytes: Buffer) {
  const dir = await temp.make('qh-codec-');
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return sniffCodec(file, `recordings/${name}`);
}

describe('reading codecs from the container', () => {
  it('names an H.265 MP4 (hvc1) as unplayable, with the file and the codec', async () => {
    const codec = await sniff('camera.mp4', mp4('hvc1', 'mp4a'));
    expect(codec).toMatchObject({
      container: 'mp4',
      video: 'hvc1',
      audio: 'mp4a',
      playable: false,
    });
    expect(codec.message).toContain('recordings/camera.mp4');
    expect(codec.message).toContain('H.265/HEVC（hvc1）');
  });

  it('reads the real duration from mvhd, not from any manifest', async () => {
    const codec = await sniff('course.mp4', mp4('avc1', 'mp4a', 2770));
    expect(codec).toMatchObject({ playable: true, durationSeconds: 2770 });
  });

  it('treats hev1 the same as hvc1', async () => {
    const codec = await sniff('b.mp4', mp4('hev1'));
    expect(codec.playable).toBe(false);
    expect(codec.message).toContain('hev1');
  });

  it('plays H.264 MP4 with AAC (moov after mdat is found by seeking)', async () => {
    expect(await sniff('ok.mp4', mp4('avc1', 'mp4a'))).toEqual({
      container: 'mp4',
      video: 'avc1',
      audio: 'mp4a',
      playable: true,
    });
  });

  it('names an AC-3 audio track in an otherwise playable MP4', async () => {
    const codec = await sniff('ac3.mp4', mp4('avc1', 'ac-3'));
    expect(codec.playable).toBe(false);
    expect(codec.message).toContain('Dolby AC-3');
  });

  it('reads WebM CodecIDs: VP9 + Opus plays, HEVC in Matroska does not', async () => {
    expect(await sniff('a.webm', webm('V_VP9', 'A_OPUS'))).toEqual({
      container: 'webm',
      video: 'V_VP9',
      audio: 'A_OPUS',
      playable: true,
    });
    const hevc = await sniff('b.mkv', webm('V_MPEGH/ISO/HEVC'));
    expect(hevc.playable).toBe(false);
    expect(hevc.message).toContain('H.265/HEVC');
  });

  it('reads the demo recording as VP9 WebM', async () => {
    const codec = await sniffCodec(
      path.resolve(
        __dirname,
        '../../../resources/demo/media/recordings/C-2025-HD-B01/S-2025-HD-B01-02-live.webm',
      ),
      'S-2025-HD-B01-02-live.webm',
    );
    expect(codec).toMatchObject({
      container: 'webm',
      video: 'V_VP9',
      playable: true,
      durationSeconds: 900,
    });
  });

  it('says a file that is neither MP4 nor WebM cannot be played', async () => {
    const codec = await sniff('notes.webm', Buffer.from('this is a text file, not a video'));
    expect(codec).toMatchObject({ container: 'unknown', playable: false });
    expect(codec.message).toContain('recordings/notes.webm');
  });
});
