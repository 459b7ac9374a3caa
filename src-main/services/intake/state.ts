// What the reference intake remembers: enrolled workstation keys, each profile's chain
// position, and every accepted bundle with the receipt it was given (so a re-post gets the
// same receipt). Kept as one JSON file written atomically, or in memory without a data dir.
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../keys/atomicFile';

export const intakeStateSchema = z.object({
  version: z.literal(1),
  workstations: z.record(
    z.string(),
    z.object({
      name: z.string(),
      role: z.string(),
      district: z.string(),
      keys: z.array(z.object({ keyid: z.string(), publicKey: z.string(), enrolledAt: z.string() })),
    }),
  ),
  chains: z.record(z.string(), z.object({ lastCounter: z.number().int(), lastHash: z.string() })),
  bundles: z.record(
    z.string(),
    z.object({
      bundleHash: z.string(),
      profileId: z.string(),
      counter: z.number().int(),
      recordIds: z.array(z.string()),
      receipt: z.string(),
      storedAt: z.string(),
    }),
  ),
});
export type IntakeState = z.infer<typeof intakeStateSchema>;

export function emptyIntakeState(): IntakeState {
  return { version: 1, workstations: {}, chains: {}, bundles: {} };
}

export interface IntakeStorage {
  load(): Promise<IntakeState>;
  save(state: IntakeState): Promise<void>;
  storeBundle(bundleHash: string, bytes: Uint8Array): Promise<void>;
}

export function memoryStorage(): IntakeStorage & { bundleFiles: Map<string, Uint8Array> } {
  let saved = JSON.stringify(emptyIntakeState());
  const bundleFiles = new Map<string, Uint8Array>();
  return {
    bundleFiles,
    load: async () => intakeStateSchema.parse(JSON.parse(saved)),
    save: async (s) => {
      saved = JSON.stringify(s);
    },
    storeBundle: async (hash, bytes) => {
      bundleFiles.set(hash, bytes);
    },
  };
}

export function dirStorage(dir: string): IntakeStorage {
  const stateFile = path.join(dir, 'intake-state.json');
  return {
    load: async () => {
      const raw = await readJsonFile(stateFile);
      return raw === null ? emptyIntakeState() : intakeStateSchema.parse(raw);
    },
    save: (s) => writeFileAtomic(stateFile, JSON.stringify(s, null, 2)),
    // Stored by content hash: a re-post of the same bundle writes the same file.
    storeBundle: (hash, bytes) =>
      writeFileAtomic(path.join(dir, 'bundles', `${hash}.qhres`), bytes, 0o644),
  };
}
