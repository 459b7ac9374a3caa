import { Button, Card, Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import {
  CONFLICT_PARTY_ZH,
  CONFLICT_RELATION_ZH,
  conflictRelations,
  type ConflictPartyKind,
  type ConflictRelation,
  type PartyDeclaration,
} from '../../../src-shared/review/conflict';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { declareParty, withdrawConflict } from './conflictStore';
import { RecordText } from '../../components/RecordText';
import { isolated } from '../../../src-shared/records/visibleText';

const s = t.review.conflict;

/** 回避声明 for one party: 无利害关系, or a conflict with its type and a note. */
export function ConflictDeclare({
  profileId,
  expertId,
  party,
  partyName,
  allowNone = true,
  onCancel,
}: {
  profileId: string;
  expertId: string;
  party: { kind: ConflictPartyKind; id: string };
  partyName: string;
  /** false when opened from the form to declare a conflict (the gate offers both). */
  allowNone?: boolean;
  onCancel?: () => void;
}) {
  const db = useDb();
  const [decision, setDecision] = useState<'none' | 'conflict' | null>(
    allowNone ? null : 'conflict',
  );
  const [relation, setRelation] = useState<ConflictRelation | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const partyLabel = CONFLICT_PARTY_ZH[party.kind];

  const confirm = async () => {
    if (!decision) {
      setErrors({ decision: '请选择“无利害关系”或“存在利害关系”' });
      return;
    }
    setBusy(true);
    try {
      const r = await declareParty(db, {
        profileId,
        expertId,
        party,
        partyName,
        input: { decision, relation, note },
      });
      // On success the live queue re-renders this item (gate gone, or 已回避).
      if (!r.ok) setErrors(r.errors);
      else onCancel?.();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" data-testid="conflict-declare" data-party={party.kind}>
      <Stack gap="sm">
        <Title order={5}>{s.title(partyLabel, isolated(partyName))}</Title>
        <Text size="sm" c="dimmed">
          {s.intro(partyLabel)}
        </Text>
        {errors.form && <ErrorNotice error={errors.form} compact data-testid="conflict-error" />}
        {allowNone && (
          <Radio.Group
            value={decision ?? ''}
            error={errors.decision}
            onChange={(v) => {
              setErrors({});
              setDecision(v === 'none' || v === 'conflict' ? v : null);
            }}
          >
            <Stack gap={6}>
              <Radio value="none" label={s.none} data-testid="conflict-none" />
              <Radio value="conflict" label={s.conflict} data-testid="conflict-yes" />
            </Stack>
          </Radio.Group>
        )}
        {decision === 'conflict' && (
          <>
            <Radio.Group
              label={s.relation}
              value={relation ?? ''}
              error={errors.relation}
              onChange={(v) => {
                setErrors({});
                setRelation(
                  (conflictRelations as readonly string[]).includes(v)
                    ? (v as ConflictRelation)
                    : null,
                );
              }}
            >
              <Group mt={4}>
                {conflictRelations.map((r) => (
                  <Radio
                    key={r}
                    value={r}
                    label={CONFLICT_RELATION_ZH[r]}
                    data-testid={`conflict-relation-${r}`}
                  />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label={s.note}
              description={s.noteHint}
              autosize
              minRows={2}
              value={note}
              error={errors.note}
              data-testid="conflict-note"
              onChange={(e) => {
                setErrors({});
                setNote(e.currentTarget.value);
              }}
            />
          </>
        )}
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {s.cancel}
            </Button>
          )}
          <Button data-testid="conflict-confirm" loading={busy} onClick={() => void confirm()}>
            {s.confirm}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A recused item: the declaration(s) in force and the way to withdraw one, with a reason. */
export function RecusedNotice({
  profileId,
  declarations,
}: {
  profileId: string;
  declarations: PartyDeclaration[];
}) {
  const db = useDb();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const withdraw = async (declarationId: string) => {
    setBusy(true);
    try {
      const r = await withdrawConflict(db, { profileId, declarationId, reason });
      if (!r.ok) setError(Object.values(r.errors)[0] ?? null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" data-testid="recused-notice">
      <Stack gap="sm">
        <Title order={5}>{s.recusedTitle}</Title>
        {declarations.map((d) => (
          <Text size="sm" key={d.id}>
            {CONFLICT_PARTY_ZH[d.party.kind]}「<RecordText text={d.partyName} max={40} />
            」：
            {d.relation ? CONFLICT_RELATION_ZH[d.relation] : ''}
            {d.note ? `（${d.note}）` : ''}
          </Text>
        ))}
        <Textarea
          label={s.withdrawReason}
          description={s.withdrawHint}
          autosize
          minRows={2}
          value={reason}
          error={error}
          data-testid="withdraw-reason"
          onChange={(e) => {
            setError(null);
            setReason(e.currentTarget.value);
          }}
        />
        <Group justify="flex-end">
          {declarations.map((d) => (
            <Button
              key={d.id}
              variant="default"
              color="red"
              loading={busy}
              data-testid="withdraw-conflict"
              onClick={() => void withdraw(d.id)}
            >
              {s.withdraw}（{CONFLICT_PARTY_ZH[d.party.kind]}）
            </Button>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}
