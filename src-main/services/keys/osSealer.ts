// The OS sealing interface, shaped like Electron's safeStorage so main can pass it in as is,
// while services stay testable in Node with a fake.
export interface OsSealer {
  isEncryptionAvailable(): boolean;
  /** Linux: 'basic_text' | 'gnome_libsecret' | 'kwallet' | …; other platforms may report their own name. */
  backend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export type SealerCheck =
  { ok: true } | { ok: false; code: 'os-sealing-unavailable'; message: string };

/** Electron on Linux without a keyring falls back to a hard-coded password: that is not sealing. */
export function checkOsSealer(sealer: OsSealer): SealerCheck {
  if (!sealer.isEncryptionAvailable()) {
    return {
      ok: false,
      code: 'os-sealing-unavailable',
      message: '系统密钥保管不可用，无法安全保存签名密钥。请登录桌面会话后重试。',
    };
  }
  if (sealer.backend() === 'basic_text') {
    return {
      ok: false,
      code: 'os-sealing-unavailable',
      message:
        '系统未提供密钥环（当前为 basic_text 明文模式），无法安全保存签名密钥。请安装并解锁 GNOME 密钥环或 KWallet 后重试。',
    };
  }
  return { ok: true };
}

/**
 * Adapter for Electron's safeStorage, whose backend name comes from a Linux-only call.
 * The Electron glue passes `() => safeStorage.getSelectedStorageBackend?.() ?? process.platform`.
 */
export function sealerFromSafeStorage(
  safeStorage: Pick<OsSealer, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  backend: () => string,
): OsSealer {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    backend,
    encryptString: (s) => safeStorage.encryptString(s),
    decryptString: (b) => safeStorage.decryptString(b),
  };
}
