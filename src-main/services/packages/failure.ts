// Inside the package services a refusal is thrown as a PackageFailure so deep helpers can stop
// the whole read at once; the exported functions catch it and hand back a plain value.
import { packageErrors, type PackageError } from '../../../src-shared/records/packageErrors';

export class PackageFailure extends Error {
  constructor(readonly error: PackageError) {
    super(error.message);
  }
}

export type Failed = { ok: false } & PackageError;

export function fail(error: PackageError): never {
  throw new PackageFailure(error);
}

export function throwIfAborted(signal: AbortSignal | undefined, pkg: string): void {
  if (signal?.aborted) fail(packageErrors.cancelled(pkg));
}

/** Turns whatever escaped into a value; unexpected errors become io-error, not crashes. */
export function asFailed(error: unknown, pkg: string): Failed {
  if (error instanceof PackageFailure) return { ok: false, ...error.error };
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, ...packageErrors.ioError(pkg, reason) };
}
