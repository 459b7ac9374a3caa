// Defaults sized for a district's package: thousands of PDFs plus some recordings. A
// package that exceeds them is far more likely hostile or broken than legitimate, and the
// caller may raise them explicitly.

export interface PackageLimits {
  /** Entries in the central directory, checked before any entry is read. */
  maxEntries: number;
  /** Uncompressed bytes of any one entry. */
  maxFileBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** envelope.json is read into memory, so it gets its own, smaller cap. */
  maxEnvelopeBytes: number;
  /** Uncompressed ÷ compressed above which an entry counts as a zip bomb… */
  maxCompressionRatio: number;
  /** …once it is at least this large (tiny files compress absurdly well and harm no one). */
  ratioCheckMinBytes: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxEntries: 20_000,
  maxFileBytes: 4 * GiB,
  maxTotalBytes: 16 * GiB,
  maxEnvelopeBytes: 64 * MiB,
  maxCompressionRatio: 100,
  ratioCheckMinBytes: 1 * MiB,
};

export function resolveLimits(partial: Partial<PackageLimits> | undefined): PackageLimits {
  return { ...DEFAULT_PACKAGE_LIMITS, ...partial };
}
