// A frame grab: the video's current frame drawn on a canvas, encoded as PNG, hashed with
// WebCrypto. Only same-origin (verified, app-served) video can be drawn without tainting.
import { MAX_FRAME_GRAB_BYTES } from '../../../src-shared/audit/findings';

export interface Grab {
  png: Blob;
  sha256: string;
  width: number;
  height: number;
}

export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function drawAt(video: HTMLVideoElement, width: number, height: number) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, width, height);
  return new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/png'));
}

export async function grabFrame(video: HTMLVideoElement): Promise<Grab | null> {
  let width = video.videoWidth;
  let height = video.videoHeight;
  if (!width || !height) return null;
  let png = await drawAt(video, width, height);
  // The grab travels in the result bundle, which caps each file: a 4K frame of a busy scene
  // can exceed it, so it is halved until it fits rather than refused.
  while (png && png.size > MAX_FRAME_GRAB_BYTES && width > 1) {
    width = Math.max(1, Math.floor(width / 2));
    height = Math.max(1, Math.floor(height / 2));
    png = await drawAt(video, width, height);
  }
  if (!png) return null;
  return { png, sha256: await sha256Hex(await png.arrayBuffer()), width, height };
}
