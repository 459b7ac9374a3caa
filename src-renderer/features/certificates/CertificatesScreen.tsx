import { PlaceholderScreen } from '../../app/PlaceholderScreen';

const counts = ['trainees', 'certificateNumbers'] as const;

export function CertificatesScreen() {
  return <PlaceholderScreen screen="certificates" counts={[...counts]} />;
}
