// The app:// address of a file of an imported package: /files/<packageId>/<sha256>. The same
// path works under Electron (app://qihang) and in the browser harness (its loopback origin), so
// the page uses it relative to its own origin.
import { RECORD_ID_PATTERN } from '../wire/primitives';

export const FILES_ROUTE = '/files/';

export function packageFileUrl(packageId: string, sha256: string): string {
  return `${FILES_ROUTE}${encodeURIComponent(packageId)}/${sha256}`;
}

/** The package id and hash an address names, or null when it is not a file address. */
export function parsePackageFileUrl(
  pathname: string,
): { packageId: string; sha256: string } | null {
  if (!pathname.startsWith(FILES_ROUTE)) return null;
  const parts = pathname.slice(FILES_ROUTE.length).split('/');
  if (parts.length !== 2) return null;
  let packageId: string;
  try {
    packageId = decodeURIComponent(parts[0]!);
  } catch {
    return null;
  }
  const sha256 = parts[1]!;
  if (packageId.length === 0 || packageId.length > 64 || !RECORD_ID_PATTERN.test(packageId))
    return null;
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  return { packageId, sha256 };
}
