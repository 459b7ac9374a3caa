// A "bundle bomb": about 1 MB on the wire, about 1 GB inflated, spread over a thousand entries
// each just under the 1 MiB size above which a single entry's ratio is checked. Only a reader
// that adds up the directory before inflating anything refuses it cheaply. Used by the tests
// and by the intake-under-attack benchmark.
import { rawZipBytes } from '../packages/factory';

const MiB = 1024 * 1024;

export function bundleBomb(entries = 1000): Uint8Array {
  const zeros = new Uint8Array(MiB - 1);
  return new Uint8Array(
    rawZipBytes([
      { name: 'envelope.json', data: Buffer.from('{}') },
      ...Array.from({ length: entries }, (_, i) => ({
        name: `files/frame-${i}.jpg`,
        data: zeros,
        deflate: true,
      })),
    ]),
  );
}
