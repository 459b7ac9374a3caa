// A frame grab: the video's current frame drawn on a canvas, encoded as PNG, hashed with
// WebCrypto. Only same-origin (verified, app-served) video can be drawn without tainting.
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

export async function grabFrame(video: HTMLVideoElement): Promise<Grab | null> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, width, height);
  const png = await new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/png'));
  if (!png) return null;
  return { png, sha256: await sha256Hex(await png.arrayBuffer()), width, height };
}
