// The outcome being scored on one side, the scoring form on the other, in a split the expert
// resizes. The split also carries the two ways between them: 引用此页 in the reader adds an
// anchor to the field being edited, and an anchor chip in the form turns the reader to its page.
import { ScrollArea } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import type { PageAnchor } from '../../../src-shared/review/anchor';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { SubmissionReader, type FilePageRequest } from '../../components/reader/SubmissionReader';
import { SplitPane } from '../../components/SplitPane';
import { PANE_HEIGHT, REVIEW_BAR_ROOM } from './layout';
import type { QueueItem } from './queue';
import { loadReviewContext } from './loadReviewItem';
import { ReviewForm, type CiteSink } from './ReviewForm';

export function ReadingSplit({ profile, item }: { profile: Profile; item: QueueItem }) {
  const db = useDb();
  const ctx = useLiveQuery(() => loadReviewContext(db, item.assignment), [db, item.assignment]);
  // The form registers what a citation does (it owns the draft); the reader only reports one.
  const citeSinkRef: CiteSink = useRef(null);
  const [goTo, setGoTo] = useState<FilePageRequest | null>(null);
  const openAnchor = (a: PageAnchor) => {
    const file = ctx?.files.find((f) => f.sha256 === a.fileSha256);
    if (file) setGoTo((old) => ({ fileId: file.id, page: a.page, nonce: (old?.nonce ?? 0) + 1 }));
  };
  return (
    <SplitPane
      height={PANE_HEIGHT}
      initial={0.6}
      label={t.reader.title}
      left={
        ctx ? (
          <SubmissionReader
            files={ctx.files}
            goTo={goTo}
            onCite={(file, cite) => citeSinkRef.current?.(file, cite)}
          />
        ) : null
      }
      right={
        <ScrollArea
          h="100%"
          type="auto"
          offsetScrollbars
          data-testid="review-pane"
          // The form's action bar sticks to the bottom: a field scrolled or tabbed into view
          // stops above it instead of under it.
          styles={{ viewport: { scrollPaddingBottom: REVIEW_BAR_ROOM } }}
        >
          <ReviewForm
            profile={profile}
            item={item}
            citeSinkRef={citeSinkRef}
            onOpenAnchor={openAnchor}
          />
        </ScrollArea>
      }
    />
  );
}
