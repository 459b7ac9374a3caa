// Short synthetic videos made with ffmpeg (VP9/WebM, which every Chromium build plays).
// Encoders differ between machines and versions, so generated clips are cached in a
// committed folder and reused: regenerating the package then needs no ffmpeg and yields the
// same hashes. Delete a cached file (or rename the recipe) to re-encode it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { notoSerifScPath } from './pdf';
import type { MediaRecipe } from './records';

function escapeDrawtext(text: string): string {
  return text.replace(/[\\':%,]/g, (ch) => `\\${ch}`);
}

export function ffmpegArgs(recipe: MediaRecipe, outPath: string, fontPath: string): string[] {
  const { width, height, seconds } = recipe;
  const source = recipe.pattern === 'bars' ? 'smptehdbars' : 'testsrc2';
  const big = Math.round(height / 12);
  const small = Math.round(height / 16);
  const font = fontPath.replace(/\\/g, '/').replace(/:/g, '\\:');
  const vf = [
    `drawtext=fontfile='${font}':text='${escapeDrawtext(recipe.title)}':fontsize=${big}:fontcolor=white:box=1:boxcolor=black@0.6:x=8:y=8`,
    `drawtext=fontfile='${font}':text='${escapeDrawtext(recipe.subtitle)}  %{pts\\:hms}':fontsize=${small}:fontcolor=white:box=1:boxcolor=black@0.6:x=8:y=h-${small * 2}`,
  ].join(',');
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `${source}=size=${width}x${height}:rate=10:duration=${seconds}`,
    '-vf',
    vf,
    '-c:v',
    'libvpx-vp9',
    '-b:v',
    `${recipe.bitrateK}k`,
    '-g',
    '100',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-pix_fmt',
    'yuv420p',
    '-an',
    '-map_metadata',
    '-1',
    outPath,
  ];
}

/** Returns the cached clip for a recipe, encoding it first if the cache lacks it. */
export function ensureMedia(recipe: MediaRecipe, cacheDir: string): string {
  const out = join(cacheDir, recipe.cacheName);
  if (existsSync(out)) return out;
  mkdirSync(cacheDir, { recursive: true });
  execFileSync('ffmpeg', ffmpegArgs(recipe, out, notoSerifScPath()), {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return out;
}
