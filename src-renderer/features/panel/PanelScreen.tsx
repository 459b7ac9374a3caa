import { PlaceholderScreen } from '../../app/PlaceholderScreen';

const counts = ['submissions', 'assignments', 'experts'] as const;

export function PanelScreen() {
  return <PlaceholderScreen screen="panel" counts={[...counts]} />;
}
