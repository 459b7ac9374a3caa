// The profile's signing key and its enrollment with the platform. The private key never crosses
// this boundary: the renderer sends a passphrase for each signing action and gets back public
// facts (key id, pinned platform keys) and file paths the person chose.
import { z } from 'zod';
import { roleSchema } from '../profiles/profileSchema';
import { isoInstant, recordId, sha256Hex } from '../wire/primitives';
import { channel } from './channel';

/** Bounded so a pasted novel cannot make scrypt chew on megabytes. */
export const passphraseField = z.string().max(256, '口令不超过 256 个字符');

export const profileIdentitySchema = z
  .object({
    id: recordId,
    name: z.string().min(1).max(40),
    role: roleSchema,
    district: z.string().max(40),
  })
  .strict();

export const keyStatusSchema = z.object({
  /** Whether the OS can seal a key (a keyring exists); when false, `sealerMessage` says why. */
  sealerAvailable: z.boolean(),
  sealerMessage: z.string().optional(),
  minPassphraseLength: z.number().int().positive(),
  key: z.object({ keyid: sha256Hex, createdAt: isoInstant }).nullable(),
  /** Set once an enrollment reply was imported. */
  enrollment: z
    .object({
      issuer: z.string(),
      lastReplyIssuedAt: isoInstant,
      platformKeys: z.array(
        z.object({
          keyid: sha256Hex,
          notBefore: isoInstant,
          notAfter: isoInstant,
          active: z.boolean(),
        }),
      ),
    })
    .nullable(),
  /** A trust store that cannot be read is reported, not hidden. */
  problem: z.string().optional(),
});
export type KeyStatus = z.infer<typeof keyStatusSchema>;

const pathOrCancelled = z.object({ path: z.string().nullable() });

export const keysChannels = {
  status: channel({
    summary:
      'Whether the profile has a signing key, whether it is enrolled, and whether the OS can seal keys.',
    request: z.object({ profileId: recordId }).strict(),
    response: keyStatusSchema,
  }),
  create: channel({
    summary: 'Generates the profile signing key, sealed by the passphrase and the OS keyring.',
    request: z.object({ profileId: recordId, passphrase: passphraseField }).strict(),
    response: z.object({ keyid: sha256Hex, createdAt: isoInstant }),
  }),
  changePassphrase: channel({
    summary: 'Re-seals the profile key under a new passphrase (the key id stays the same).',
    request: z
      .object({
        profileId: recordId,
        oldPassphrase: passphraseField,
        newPassphrase: passphraseField,
      })
      .strict(),
    response: z.object({ keyid: sha256Hex }),
  }),
  exportEnrollmentRequest: channel({
    summary:
      'Signs an enrollment request with the profile key and saves it where the person chooses.',
    request: z.object({ profile: profileIdentitySchema, passphrase: passphraseField }).strict(),
    response: pathOrCancelled.extend({ keyid: sha256Hex }),
  }),
  importEnrollmentReply: channel({
    summary: "Opens the platform's enrollment reply, verifies it and pins the platform keys.",
    request: z
      .object({
        profileId: recordId,
        /** Platform key fingerprint given on paper; checked on first enrollment when present. */
        expectedKeyid: sha256Hex.optional(),
      })
      .strict(),
    response: pathOrCancelled.extend({
      issuer: z.string().nullable(),
      added: z.array(sha256Hex),
      retired: z.array(sha256Hex),
    }),
  }),
};
