// The whole IPC surface between renderer and main. The preload exposes exactly these methods
// and main registers exactly these handlers; anything else does not exist.
import { appChannels } from './app';
import { auditChannels } from './audit';
import { certificatesChannels } from './certificates';
import { keysChannels } from './keys';
import { mediaChannels, mediaJob } from './media';
import { importJob, packagesChannels } from './packages';
import { panelChannels } from './panel';
import { policyChannels } from './policy';
import { profilesChannels } from './profiles';
import { syncChannels, uploadJob } from './sync';
import type { ApiOf, ContractSpec, HandlersOf } from './channel';
import type { JobsApi, JobsSpec } from './events';

export const contract = {
  app: appChannels,
  packages: packagesChannels,
  keys: keysChannels,
  sync: syncChannels,
  policy: policyChannels,
  profiles: profilesChannels,
  certificates: certificatesChannels,
  panel: panelChannels,
  media: mediaChannels,
  audit: auditChannels,
} satisfies ContractSpec;

/** Jobs main reports by pushed events (src-shared/ipc/events.ts), one push channel each. */
export const jobs = {
  import: importJob,
  upload: uploadJob,
  media: mediaJob,
} satisfies JobsSpec;

export type Contract = typeof contract;
export type Jobs = typeof jobs;
export type QihangApi = ApiOf<Contract> & { readonly jobs: JobsApi<Jobs> };
export type QihangHandlers = HandlersOf<Contract>;

/** The global name the preload exposes the API under. */
export const API_GLOBAL = 'qihang';
