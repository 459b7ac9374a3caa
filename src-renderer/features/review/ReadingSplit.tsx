// The outcome being scored on one side, the scoring form on the other, in a split the expert
// resizes.
import { ScrollArea } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Profile } from '../../../src-shared/profiles/roles';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { SubmissionReader } from '../../components/reader/SubmissionReader';
import { SplitPane } from '../../components/SplitPane';
import { PANE_HEIGHT, REVIEW_BAR_ROOM } from './layout';
import type { QueueItem } from './queue';
import { loadReviewContext } from './loadReviewItem';
import { ReviewForm } from './ReviewForm';

export function ReadingSplit({ profile, item }: { profile: Profile; item: QueueItem }) {
  const db = useDb();
  const ctx = useLiveQuery(() => loadReviewContext(db, item.assignment), [db, item.assignment]);
  return (
    <SplitPane
      height={PANE_HEIGHT}
      initial={0.6}
      label={t.reader.title}
      left={ctx ? <SubmissionReader files={ctx.files} /> : null}
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
          <ReviewForm profile={profile} item={item} />
        </ScrollArea>
      }
    />
  );
}
