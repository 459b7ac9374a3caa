// The station's calibration offset for pre-printed paper (saved in settings, applied to every
// page) and the calibration page with its millimetre grid.
import { Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ProgramCode } from '../../../src-shared/records/records';
import { calibrationSchema, type Calibration } from '../../../src-shared/certificates/template';
import { getApi } from '../../app/api';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { OutcomeNotice, type Outcome } from '../../components/OutcomeNotice';
import { CALIBRATION_KEY } from './printLogStore';

const s = () => t.certificates;

export function CalibrationPanel({ value, program }: { value: Calibration; program: ProgramCode }) {
  const db = useDb();
  const [dx, setDx] = useState<number | string>(value.dxMm);
  const [dy, setDy] = useState<number | string>(value.dyMm);
  const [message, setMessage] = useState<Outcome | null>(null);
  const parsed = calibrationSchema.safeParse({ dxMm: Number(dx), dyMm: Number(dy) });

  const save = async () => {
    if (!parsed.success) return;
    await db.settings.put({ key: CALIBRATION_KEY, value: parsed.data });
    setMessage({ ok: true, text: s().calibrationSaved });
  };
  const page = async () => {
    const api = getApi();
    if (!api || !parsed.success) return setMessage({ ok: false, error: s().noApi });
    const r = await api.certificates.saveCalibrationPage({ program, calibration: parsed.data });
    if (!r.ok) setMessage({ ok: false, error: r.error });
    else if (r.value.status === 'saved')
      setMessage({ ok: true, text: s().calibrationPageSaved(r.value.path) });
    else setMessage({ ok: true, text: s().cancelled });
  };

  return (
    <Stack gap={4} data-testid="calibration">
      <Text size="sm" fw={500}>
        {s().calibration}
      </Text>
      <Group align="flex-end" gap="xs">
        <NumberInput
          size="xs"
          w={90}
          label={s().dx}
          step={0.5}
          min={-20}
          max={20}
          decimalScale={1}
          value={dx}
          onChange={setDx}
          data-testid="calibration-dx"
        />
        <NumberInput
          size="xs"
          w={90}
          label={s().dy}
          step={0.5}
          min={-20}
          max={20}
          decimalScale={1}
          value={dy}
          onChange={setDy}
          data-testid="calibration-dy"
        />
        <Button
          size="xs"
          variant="light"
          disabled={!parsed.success}
          onClick={() => void save()}
          data-testid="calibration-save"
        >
          保存
        </Button>
        <Button
          size="xs"
          variant="subtle"
          disabled={!parsed.success}
          onClick={() => void page()}
          data-testid="calibration-page"
        >
          {s().calibrationPage}
        </Button>
      </Group>
      {message && <OutcomeNotice outcome={message} />}
    </Stack>
  );
}
