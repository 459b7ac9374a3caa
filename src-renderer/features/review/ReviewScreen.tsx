import { Stack } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { useDb } from '../../app/dbContext';
import { ExpertLink } from './ExpertLink';
import { QueueLoading, ReviewWorkspace } from './ReviewWorkspace';
import { linkedExpertId } from '../../db/expertLink';

/**
 * 评审任务: first "who am I among the package's experts", then the queue and the form.
 * `similarity` is the pre-check's way in, composed by app/screens.ts (features do not import
 * each other).
 */
export function ReviewScreen({
  profile,
  similarity,
}: {
  profile: Profile;
  similarity?: ReactNode;
}) {
  const db = useDb();
  const expertId = useLiveQuery(() => linkedExpertId(db, profile.id), [db, profile.id]);
  return (
    <Stack data-testid="screen-review" gap="md">
      {expertId === undefined ? (
        <QueueLoading />
      ) : expertId === null ? (
        <ExpertLink profile={profile} />
      ) : (
        <ReviewWorkspace profile={profile} expertId={expertId} headerExtra={similarity} />
      )}
    </Stack>
  );
}
