import { PlaceholderScreen } from '../../app/PlaceholderScreen';

const counts = ['classes', 'sessions', 'files'] as const;

export function AuditScreen() {
  return <PlaceholderScreen screen="audit" counts={[...counts]} />;
}
