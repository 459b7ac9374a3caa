// Each screen is its own chunk, loaded when first opened: the start-up path (boot, profile
// picker, shell) does not parse the policy engine, the review form or the sync screen.
import { createElement, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Profile, Screen } from '../../src-shared/profiles/roles';

type ScreenComponent = LazyExoticComponent<ComponentType<{ profile: Profile }>>;

export const screenComponents: Record<Screen, ScreenComponent> = {
  // 评审任务 and 组长会审 each show the similarity feature's pre-check button.
  review: lazy(async () => {
    const [{ ReviewScreen }, { SimilarityButton }] = await Promise.all([
      import('../features/review/ReviewScreen'),
      import('../features/similarity/SimilarityButton'),
    ]);
    return {
      default: ({ profile }: { profile: Profile }) =>
        createElement(ReviewScreen, {
          profile,
          similarity: createElement(SimilarityButton, { profile, role: 'expert' }),
        }),
    };
  }),
  panel: lazy(async () => {
    const [{ PanelScreen }, { SimilarityButton }] = await Promise.all([
      import('../features/panel/PanelScreen'),
      import('../features/similarity/SimilarityButton'),
    ]);
    return {
      default: ({ profile }: { profile: Profile }) =>
        createElement(PanelScreen, {
          profile,
          similarity: createElement(SimilarityButton, { profile, role: 'chair' }),
        }),
    };
  }),
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
