import { PlaceholderScreen } from '../../app/PlaceholderScreen';

const counts = ['submissions', 'assignments', 'experts'] as const;

export function ReviewScreen() {
  return <PlaceholderScreen screen="review" counts={[...counts]} />;
}
