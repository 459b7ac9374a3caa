// Opening and closing a person's profile. The passphrase is the one sealing the profile's
// signing key: main checks it by opening the key, keeps only "unlocked" in memory, and refuses
// key operations of a locked profile. The renderer never stores the passphrase.
import { z } from 'zod';
import { recordId } from '../wire/primitives';
import { channel } from './channel';
import { passphraseField } from './keys';

export const profilesChannels = {
  unlock: channel({
    summary:
      "Unlocks a profile with its key's passphrase; wrong passphrases are rate-limited per profile.",
    request: z.object({ profileId: recordId, passphrase: passphraseField }).strict(),
    response: z.object({ unlocked: z.literal(true) }),
  }),
  lock: channel({
    summary: 'Locks a profile: main refuses its key operations until it is unlocked again.',
    request: z.object({ profileId: recordId }).strict(),
    response: z.object({ locked: z.literal(true) }),
  }),
  remove: channel({
    summary:
      "Deletes a profile's key material, trust store and outbox in main (after its passphrase, if it has a key).",
    request: z.object({ profileId: recordId, passphrase: passphraseField.optional() }).strict(),
    response: z.object({ removed: z.literal(true) }),
  }),
};
