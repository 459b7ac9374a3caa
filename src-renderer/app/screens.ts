import type { ComponentType } from 'react';
import type { Profile, Screen } from '../../src-shared/profiles/roles';
import { AuditScreen } from '../features/audit/AuditScreen';
import { CertificatesScreen } from '../features/certificates/CertificatesScreen';
import { ComplianceScreen } from '../features/compliance/ComplianceScreen';
import { PanelScreen } from '../features/panel/PanelScreen';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SyncScreen } from '../features/sync/SyncScreen';

export const screenComponents: Record<Screen, ComponentType<{ profile: Profile }>> = {
  review: ReviewScreen,
  panel: PanelScreen,
  audit: AuditScreen,
  compliance: ComplianceScreen,
  certificates: CertificatesScreen,
  sync: SyncScreen,
  settings: SettingsScreen,
};
