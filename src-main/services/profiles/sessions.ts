// Which profiles are unlocked in this run of the app. A profile is unlocked by its passphrase
// (the one sealing its signing key) and stays so until it is locked (切换用户, idle timeout) or
// the app quits; the state lives only in main's memory, never on disk or in the renderer.
// Key operations for a profile that has a key but is locked are refused here, whatever the
// renderer shows, and wrong passphrases are rate-limited per profile across every channel
// that takes one.
import {
  createProfileKey,
  readPublicKey,
  unlockProfileKey,
  type KeyError,
  type KeyStoreConfig,
  type PublicKeyInfo,
} from '../keys/keystore';
import type { Signer } from '../keys/signer';
import { afterFailure, gateAttempt, retryMessage, type AttemptRecord } from './attempts';
import type { Failure } from '../../../src-shared/failure';

export type SessionError = Failure;

export const LOCKED_MESSAGE = '该用户已锁定，请先用口令解锁后再操作';

export class ProfileSessions {
  private readonly unlocked = new Set<string>();
  private readonly attempts = new Map<string, AttemptRecord>();

  constructor(
    private readonly cfg: KeyStoreConfig,
    private readonly clock: () => number = Date.now,
  ) {}

  isUnlocked(profileId: string): boolean {
    return this.unlocked.has(profileId);
  }

  /** Opens the key with the passphrase (rate-limited) and, when it opens, unlocks the profile. */
  async unlock(
    profileId: string,
    passphrase: string,
  ): Promise<{ ok: true; signer: Signer } | KeyError | SessionError> {
    const gate = gateAttempt(this.attempts.get(profileId), this.clock());
    if (!gate.allowed) {
      return { ok: false, code: 'too-many-attempts', message: retryMessage(gate.retryAfterMs) };
    }
    const opened = await unlockProfileKey(this.cfg, profileId, passphrase);
    if (!opened.ok) {
      if (opened.code === 'wrong-passphrase') {
        const record = afterFailure(this.attempts.get(profileId), this.clock());
        this.attempts.set(profileId, record);
        const wait = record.blockedUntil - this.clock();
        if (wait > 0) return { ...opened, message: `口令不正确。${retryMessage(wait)}` };
      }
      return opened;
    }
    this.attempts.delete(profileId);
    this.unlocked.add(profileId);
    return opened;
  }

  /** A new key is created by the person who just chose its passphrase: the profile is open. */
  async create(
    profileId: string,
    passphrase: string,
  ): Promise<{ ok: true; key: PublicKeyInfo } | KeyError> {
    const created = await createProfileKey(this.cfg, profileId, passphrase);
    if (created.ok) this.unlocked.add(profileId);
    return created;
  }

  lock(profileId: string): void {
    this.unlocked.delete(profileId);
  }

  /**
   * For a key operation: a profile with a key must be unlocked. A profile without a key has
   * nothing main could sign with, so there is nothing to refuse yet (the operation itself then
   * answers no-key).
   */
  async requireUnlocked(profileId: string): Promise<{ ok: true } | SessionError> {
    if (this.unlocked.has(profileId)) return { ok: true };
    const pub = await readPublicKey(this.cfg, profileId);
    if (!pub.ok && pub.code === 'no-key') return { ok: true };
    return { ok: false, code: 'profile-locked', message: LOCKED_MESSAGE };
  }

  /** Signs with the profile's key: unlocked profile and the right passphrase, both. */
  async signerFor(
    profileId: string,
    passphrase: string,
  ): Promise<{ ok: true; signer: Signer } | KeyError | SessionError> {
    const open = await this.requireUnlocked(profileId);
    if (!open.ok) return open;
    return this.unlock(profileId, passphrase);
  }
}
