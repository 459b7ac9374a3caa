// Reading and importing signed work packages; writing them lives in write.ts.
export { openWorkPackage, ENVELOPE_ENTRY, FILES_PREFIX } from './open';
export type { ImportProgress, OpenPackageOptions, OpenPackageResult, VerifiedFile } from './open';
export { extractPackageFile, readPackageFileBytes } from './extract';
export type { ExpectedFile, ExtractOptions } from './extract';
export { DEFAULT_PACKAGE_LIMITS, type PackageLimits } from './limits';
