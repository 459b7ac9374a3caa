// Each screen is its own chunk, loaded when first opened: the start-up path (boot, profile
// picker, shell) does not parse the policy engine, the review form or the sync screen.
import { createElement, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Profile, Screen } from '../../src-shared/profiles/roles';

type ScreenComponent = LazyExoticComponent<ComponentType<{ profile: Profile }>>;

export const screenComponents: Record<Screen, ScreenComponent> = {
  review: lazy(() =>
    import('../features/review/ReviewScreen').then((m) => ({ default: m.ReviewScreen })),
  ),
  panel: lazy(() =>
    import('../features/panel/PanelScreen').then((m) => ({ default: m.PanelScreen })),
  ),
  audit: lazy(() =>
    import('../features/audit/AuditScreen').then((m) => ({ default: m.AuditScreen })),
  ),
  compliance: lazy(() =>
    import('../features/compliance/ComplianceScreen').then((m) => ({
      default: m.ComplianceScreen,
    })),
  ),
  certificates: lazy(() =>
    import('../features/certificates/CertificatesScreen').then((m) => ({
      default: m.CertificatesScreen,
    })),
  ),
  sync: lazy(() => import('../features/sync/SyncScreen').then((m) => ({ default: m.SyncScreen }))),
  // Settings shows the packages feature's import card; the two meet here because features do
  // not import each other.
  settings: lazy(async () => {
    const [{ SettingsScreen }, { PackageImportCard }] = await Promise.all([
      import('../features/settings/SettingsScreen'),
      import('../features/packages/PackageImportCard'),
    ]);
    return {
      default: ({ profile }: { profile: Profile }) =>
        createElement(SettingsScreen, { profile, packageImport: createElement(PackageImportCard) }),
    };
  }),
};
