// Every file of a submission in one pane: a tab per file, each opened in the viewer its type
// needs. Shared by the expert's review screen and the chair's panel screen (features may not
// import each other; both import this).
import { Alert, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { packageFileUrl } from '../../../src-shared/reader/fileUrl';
import { t } from '../../app/strings';
import type { FileRow } from '../../db/types';
import { ImageViewer } from './ImageViewer';
import { PdfViewer, type PageRequest, type PdfCite } from './PdfViewer';
import { readableFiles, readerKindOf } from './readerFiles';
import { SalesSheetView } from './SalesSheetView';
import { fileNameOf, labelFiles } from './fileLabels';
import { isolated } from '../../../src-shared/records/visibleText';

const s = t.reader;

/** Open `fileId` at `page`; a new nonce repeats the request (the same anchor clicked twice). */
export interface FilePageRequest extends PageRequest {
  fileId: string;
}

export interface SubmissionReaderProps {
  files: FileRow[];
  goTo?: FilePageRequest | null;
  /** 引用此页: the file and the page being read (with its page count and selected text). */
  onCite?: (file: FileRow, cite: PdfCite) => void;
}

export function SubmissionReader({ files, goTo, onCite }: SubmissionReaderProps) {
  const readable = readableFiles(files);
  const [selected, setSelected] = useState<string | null>(readable[0]?.id ?? null);
  // A new page request switches to its file (state adjusted while rendering, not in an effect).
  const [seenGoTo, setSeenGoTo] = useState(goTo);
  if (goTo !== seenGoTo) {
    setSeenGoTo(goTo);
    if (goTo) setSelected(goTo.fileId);
  }
  const file = readable.find((f) => f.id === selected) ?? readable[0];
  // Numbered over all the submission's files, so 佐证材料（PNG） 2 is the same file on the card.
  const labels = labelFiles(files);
  if (!file) return <Text c="dimmed">{s.noFiles}</Text>;

  const url = packageFileUrl(file.packageId, file.sha256);
  const kind = readerKindOf(file);
  return (
    <Stack gap={6} h="100%" data-testid="submission-reader">
      {readable.length > 1 && (
        <SegmentedControl
          size="xs"
          value={file.id}
          onChange={setSelected}
          data={readable.map((f) => ({
            value: f.id,
            // What the file is, as on the facts card; its name (with trainee numbers) on hover.
            label: (
              <span title={isolated(fileNameOf(f.path))} data-file-name={fileNameOf(f.path)}>
                {labels.get(f.id)}
              </span>
            ),
          }))}
        />
      )}
      <div style={{ flex: 1, minHeight: 0 }}>
        {file.external ? (
          <Alert color="gray">{s.refused['file-external']}</Alert>
        ) : kind === 'pdf' ? (
          <PdfViewer
            key={url}
            url={url}
            path={file.path}
            goTo={goTo?.fileId === file.id ? goTo : null}
            onCite={onCite ? (cite) => onCite(file, cite) : undefined}
          />
        ) : kind === 'image' ? (
          <ImageViewer key={url} url={url} path={file.path} />
        ) : kind === 'csv' ? (
          <SalesSheetView key={url} url={url} path={file.path} />
        ) : (
          <Alert color="gray">{s.notReadable}</Alert>
        )}
      </div>
    </Stack>
  );
}
