// Fetches a package file once per address and keeps the answer (bytes or the typed refusal).
import { useEffect, useState } from 'react';
import { fetchPackageFile, type FetchedFile } from './fetchFile';

export function useFetchedFile(url: string): FetchedFile | null {
  const [state, setState] = useState<{ url: string; file: FetchedFile } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    void fetchPackageFile(url, controller.signal).then((file) => {
      if (!controller.signal.aborted) setState({ url, file });
    });
    return () => controller.abort();
  }, [url]);
  return state?.url === url ? state.file : null;
}
