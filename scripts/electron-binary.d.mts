export function findElectronBinary(repoRoot: string): string | null;
export const NO_ELECTRON_BINARY: string;
