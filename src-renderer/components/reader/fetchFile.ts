// Fetches a package file from main's /files route. A refusal arrives as a typed error (JSON) and
// is handed back as a value, so the viewer always has something to say instead of a blank pane.
import { parseReaderFileError, type ReaderFileError } from '../../../src-shared/reader/fileErrors';
import { readerStrings } from '../../app/strings/reader';

/** A refusal as the person reads it: the sentence by code; the route's words (with the path) behind 详情. */
export type ShownRefusal = ReaderFileError & { detail: string };

export type FetchedFile =
  { ok: true; bytes: Uint8Array; contentType: string } | { ok: false; error: ShownRefusal };

export function shownRefusal(error: ReaderFileError): ShownRefusal {
  return {
    ...error,
    message: readerStrings.refused[error.code],
    detail: `HTTP ${error.status}：${error.message}`,
  };
}

export async function fetchPackageFile(url: string, signal?: AbortSignal): Promise<FetchedFile> {
  // The body can fail too (the viewer closed mid-read aborts it): every failure is a value,
  // never a rejection nobody awaits.
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      return { ok: false, error: shownRefusal(parseReaderFileError(response.status, body)) };
    }
    return {
      ok: true,
      bytes: new Uint8Array(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? '',
    };
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'io-error',
        status: 0,
        message: readerStrings.refused['io-error'],
        detail: String(error),
      },
    };
  }
}
