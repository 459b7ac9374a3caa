// Which viewer a submission file opens in, and which file the reader shows first: one answer for
// the reader's tabs and for the review screen's preload of the first PDF.
import { packageFileUrl } from '../../../src-shared/reader/fileUrl';
import type { FileRow } from '../../db/types';
import { preloadPdf } from './pdfOpen';

export type ReaderKind = 'pdf' | 'image' | 'csv' | 'other';

export function readerKindOf(file: Pick<FileRow, 'mediaType'>): ReaderKind {
  const type = file.mediaType.toLowerCase().split(';')[0]!.trim();
  if (type === 'application/pdf') return 'pdf';
  if (type === 'image/png' || type === 'image/jpeg') return 'image';
  if (type === 'text/csv') return 'csv';
  return 'other';
}

/** The files the reader has a viewer for, in the order of its tabs. */
export const readableFiles = (files: FileRow[]) => files.filter((f) => readerKindOf(f) !== 'other');

/** Starts opening the file the reader will show first, if that is a PDF kept in the store. */
export function preloadFirstFile(files: FileRow[]): void {
  const first = readableFiles(files)[0];
  if (first && !first.external && readerKindOf(first) === 'pdf')
    preloadPdf(packageFileUrl(first.packageId, first.sha256), first.path);
}
