import { Card, NumberInput, Stack, Text } from '@mantine/core';
import { useSession } from '../../app/sessionContext';
import { t } from '../../app/strings';
import { IDLE_LOCK_KEY, idleLockMinutes } from '../../db/directory';
import { useDirectory } from '../../db/useDirectory';

/** 无操作自动锁定: one workstation-wide setting, kept in the profile directory. */
export function IdleLockCard() {
  const { dir } = useSession();
  const minutes = useDirectory(dir, idleLockMinutes);
  return (
    <Card withBorder maw={640}>
      <Stack gap="xs">
        <NumberInput
          label={t.profile.idleLock}
          min={1}
          max={240}
          clampBehavior="strict"
          allowDecimal={false}
          value={minutes ?? ''}
          onChange={(v) => {
            if (typeof v === 'number' && v >= 1 && v <= 240) void dir.putSetting(IDLE_LOCK_KEY, v);
          }}
          w={240}
          data-testid="idle-lock-minutes"
        />
        <Text size="sm" c="dimmed">
          {t.profile.idleLockHint}
        </Text>
      </Stack>
    </Card>
  );
}
