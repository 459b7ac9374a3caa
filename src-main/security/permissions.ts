import { originOf } from '../../src-shared/ipc/gate';

// Deny by default: the workstation needs no camera, microphone, geolocation, notifications or
// any other permission. A new need is added here on purpose, with a test.
// - 'fullscreen' (Electron's name for the Fullscreen API request, electron.d.ts
//   setPermissionRequestHandler): the auditor's player puts its own box in full screen (视频抽查).
//   It changes nothing outside the window and is granted to the app's own origin only.
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>(['fullscreen']);

export function isPermissionAllowed(
  permission: string,
  requestingOrigin: string | undefined,
  appOrigin: string,
  allowed: ReadonlySet<string> = ALLOWED_PERMISSIONS,
): boolean {
  return requestingOrigin === appOrigin && allowed.has(permission);
}

interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (wc: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
}

export function installPermissionHandlers(
  session: PermissionSession,
  appOrigin: string,
  allowed: ReadonlySet<string> = ALLOWED_PERMISSIONS,
): void {
  // The gate's originOf, not `new URL(url).origin`: Node reports "null" as the origin of a
  // custom scheme such as app://, which would deny our own page once anything is allowed.
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, originOf(details.requestingUrl), appOrigin, allowed));
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, originOf(requestingOrigin), appOrigin, allowed),
  );
}
