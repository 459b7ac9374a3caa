import { useLiveQuery } from 'dexie-react-hooks';
import { currentProfile } from '../features/profiles/profiles';
import { ProfilePicker } from '../features/profiles/ProfilePicker';
import { useDb } from './dbContext';
import { Shell } from './Shell';

export function ProfileGate() {
  const db = useDb();
  // undefined while the query runs; null when no profile is chosen.
  const profile = useLiveQuery(() => currentProfile(db), [db]);
  if (profile === undefined) return null;
  if (profile === null) return <ProfilePicker />;
  return <Shell profile={profile} />;
}
