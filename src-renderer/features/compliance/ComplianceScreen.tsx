import { PlaceholderScreen } from '../../app/PlaceholderScreen';

const counts = ['classes', 'trainees', 'sessions'] as const;

export function ComplianceScreen() {
  return <PlaceholderScreen screen="compliance" counts={[...counts]} />;
}
