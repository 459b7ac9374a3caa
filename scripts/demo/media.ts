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

/**
 * A still classroom at 1 frame/s: a lectern, the lecturer standing behind it, the title and the
 * running media time. Only the clock changes, so VP9 at constant quality needs ~1.6 kbit/s: a
 * 15-minute replay is ~180 kB. During `absent` the lecturer is gone and the frame says so. The
 * command (one line) is:
 * ffmpeg -f lavfi -i color=c=0x2b3a4a:size=640x360:rate=1:duration=S -vf <boxes, drawtext>
 *   -c:v libvpx-vp9 -b:v 0 -crf 50 -g 300 -deadline good -cpu-used 5 -pix_fmt yuv420p -an out.webm
 */
function lectureArgs(recipe: MediaRecipe, outPath: string, font: string): string[] {
  const { width, height, seconds, absent } = recipe;
  const away = absent ? `between(t,${absent.from},${absent.to})` : '0';
  const vf = [
    `drawbox=x=${width / 2 - 70}:y=${height - 160}:w=140:h=120:color=0x8b5a2b:t=fill`,
    `drawbox=x=${width / 2 - 35}:y=${height - 270}:w=70:h=110:color=0xd0d0d0:t=fill:enable='not(${away})'`,
    `drawtext=fontfile='${font}':text='讲师':fontsize=18:fontcolor=white:x=${width / 2 - 18}:y=${height - 296}:enable='not(${away})'`,
    `drawtext=fontfile='${font}':text='讲台无人（讲师离场）':fontsize=28:fontcolor=yellow:x=(w-tw)/2:y=${height - 240}:enable='${away}'`,
    `drawtext=fontfile='${font}':text='${escapeDrawtext(recipe.title)}':fontsize=22:fontcolor=white:x=10:y=10`,
    `drawtext=fontfile='${font}':text='${escapeDrawtext(recipe.subtitle)}':fontsize=16:fontcolor=0xcccccc:x=10:y=40`,
    `drawtext=fontfile='${font}':text='%{pts\\:hms}':fontsize=22:fontcolor=white:x=10:y=h-34`,
  ].join(',');
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=c=0x2b3a4a:size=${width}x${height}:rate=1:duration=${seconds}`,
    '-vf',
    vf,
    '-c:v',
    'libvpx-vp9',
    '-b:v',
    '0',
    '-crf',
    '50',
    '-g',
    '300',
    '-deadline',
    'good',
    '-cpu-used',
    '5',
    '-pix_fmt',
    'yuv420p',
    '-an',
    '-map_metadata',
    '-1',
    outPath,
  ];
}

export function ffmpegArgs(recipe: MediaRecipe, outPath: string, fontPath: string): string[] {
  if (recipe.pattern === 'lecture') {
    return lectureArgs(recipe, outPath, fontPath.replace(/\\/g, '/').replace(/:/g, '\\:'));
  }
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
