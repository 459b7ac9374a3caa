// The chair follows an expert's page anchor: the submission's files open in a reader window at
// the cited page, over the side-by-side, without leaving the panel screen.
import { Modal } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { SubmissionReader, type FilePageRequest } from '../../components/reader/SubmissionReader';
import { submissionFilesById } from '../../db/submissionFiles';
import type { FileRow } from '../../db/types';

export function useSubmissionFiles(submissionId: string | null): FileRow[] {
  const db = useDb();
  return (
    useLiveQuery(
      () => (submissionId ? submissionFilesById(db, submissionId) : []),
      [db, submissionId],
    ) ?? []
  );
}

export function AnchorReaderModal({
  title,
  files,
  request,
  onClose,
}: {
  title: string;
  files: FileRow[];
  request: FilePageRequest | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={t.panel.detail.reader(title)}
      size="90%"
      data-testid="anchor-reader"
    >
      {/* A fixed height: pdf.js lays pages out in an absolutely positioned scroll box. */}
      <div style={{ height: 'calc(100vh - 200px)' }} data-testid="anchor-reader-body">
        {request && <SubmissionReader files={files} goTo={request} />}
      </div>
    </Modal>
  );
}
