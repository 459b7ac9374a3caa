// Deny by default: the workstation needs no camera, microphone, geolocation, notifications or
// any other permission. A new need is added here on purpose, with a test.
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>([]);

export function isPermissionAllowed(
  permission: string,
  requestingOrigin: string,
  appOrigin: string,
): boolean {
  return requestingOrigin === appOrigin && ALLOWED_PERMISSIONS.has(permission);
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

export function installPermissionHandlers(session: PermissionSession, appOrigin: string): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    let origin = '';
    try {
      origin = new URL(details.requestingUrl ?? '').origin;
    } catch {
      origin = '';
    }
    callback(isPermissionAllowed(permission, origin, appOrigin));
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, appOrigin),
  );
}
