// Fetches a package file from main's /files route. A refusal arrives as a typed error (JSON) and
// is handed back as a value, so the viewer always has something to say instead of a blank pane.
import { parseReaderFileError, type ReaderFileError } from '../../../src-shared/reader/fileErrors';

export type FetchedFile =
  { ok: true; bytes: Uint8Array; contentType: string } | { ok: false; error: ReaderFileError };

export async function fetchPackageFile(url: string, signal?: AbortSignal): Promise<FetchedFile> {
  // The body can fail too (the viewer closed mid-read aborts it): every failure is a value,
  // never a rejection nobody awaits.
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      return { ok: false, error: parseReaderFileError(response.status, body) };
    }
    return {
      ok: true,
      bytes: new Uint8Array(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? '',
    };
  } catch (error) {
    return {
      ok: false,
      error: { code: 'io-error', status: 0, message: `读取文件失败：${(error as Error).message}` },
    };
  }
}
