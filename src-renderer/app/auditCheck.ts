// The audit log is verified once when the shell opens. A broken chain stays on screen for the
// whole session: it is evidence for the district administrator, and the workstation never
// repairs it (repairing would hide exactly what the chain exists to show).
import { useCallback, useEffect, useState } from 'react';
import { checkAuditLog, type AuditStatus } from '../db/audit';
import type { WorkstationDb } from '../db/db';
import { t } from './strings';

/** The red banner's text, or null when the chain is intact. */
export function auditAlertText(status: AuditStatus): string | null {
  if (status.state === 'ok') return null;
  if (status.state === 'error') return t.auditLog.checkFailed(status.message);
  const { seq, reason } = status.check;
  return t.auditLog.broken(seq, t.auditLog.reasons[reason]);
}

export function useAuditCheck(db: WorkstationDb): {
  status: AuditStatus | null;
  recheck: () => void;
} {
  const [status, setStatus] = useState<AuditStatus | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void checkAuditLog(db).then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, [db, round]);
  const recheck = useCallback(() => setRound((r) => r + 1), []);
  return { status, recheck };
}
