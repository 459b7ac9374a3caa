import { PlaceholderScreen } from '../../app/PlaceholderScreen';

const counts = ['files'] as const;

export function SyncScreen() {
  return <PlaceholderScreen screen="sync" counts={[...counts]} />;
}
