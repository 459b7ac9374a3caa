import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Kbd,
  List,
  Loader,
  NumberInput,
  Radio,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Rubric } from '../../../src-shared/records/records';
import { sameAnchor, type PageAnchor } from '../../../src-shared/review/anchor';
import type { Profile } from '../../../src-shared/profiles/roles';
import {
  declarationsInForce,
  partyKey,
  partyStatus,
  type ConflictPartyKind,
} from '../../../src-shared/review/conflict';
import { liveScore } from '../../../src-shared/review/liveScore';
import { useDb } from '../../app/dbContext';
import { programLabels, t } from '../../app/strings';
import { AnchorChips } from '../../components/reader/AnchorChips';
import type { PdfCite } from '../../components/reader/PdfViewer';
import type { FileRow } from '../../db/types';
import { ConflictDeclare, RecusedNotice } from './ConflictDeclare';
import { profileDeclarations } from './conflictStore';
import type { QueueItem } from './queue';
import { loadReviewContext } from './loadReviewItem';
import { submitReview, type DraftAnchor } from './reviewStore';
import { SubmissionFacts } from './SubmissionFacts';
import { useReviewDraft } from './useReviewDraft';
import { ErrorNotice } from '../../components/ErrorNotice';

const s = t.review;
/** The general comment as a citation target (not a record id, so no criterion can clash). */
const GENERAL = '#comment';

// Sticky inside the form's scrolling pane; opaque, with a rule above, so criteria scroll under it.
const ACTION_BAR: React.CSSProperties = {
  position: 'sticky',
  bottom: 0,
  zIndex: 2,
  background: 'var(--mantine-color-body)',
  borderTop: '1px solid var(--mantine-color-default-border)',
  paddingTop: 'var(--mantine-spacing-xs)',
  paddingBottom: 'var(--mantine-spacing-xs)',
};

/** Where the reader's 引用此页 goes: set by the open form, called by the split. */
export type CiteSink = RefObject<((file: FileRow, cite: PdfCite) => void) | null>;

export interface ReviewFormProps {
  profile: Profile;
  item: QueueItem;
  citeSinkRef?: CiteSink;
  onOpenAnchor?: (anchor: PageAnchor) => void;
}

const fileNameOf = (files: readonly FileRow[], sha: string) =>
  files
    .find((f) => f.sha256 === sha)
    ?.path.split('/')
    .at(-1);

export function ReviewForm({ profile, item, citeSinkRef, onOpenAnchor }: ReviewFormProps) {
  const db = useDb();
  const ctx = useLiveQuery(() => loadReviewContext(db, item.assignment), [db, item.assignment]);
  const declarations = useLiveQuery(() => profileDeclarations(db, profile.id), [db, profile.id]);
  const [declaring, setDeclaring] = useState<ConflictPartyKind | null>(null);
  if (ctx === undefined || declarations === undefined) return <Loader size="sm" />;
  if (ctx === null) return <ErrorNotice error={s.form.missingSubmission} />;
  const inForce = declarationsInForce(declarations);
  const organizer = ctx.klass ? { kind: 'organizer' as const, id: ctx.klass.organizerId } : null;
  const trainee = { kind: 'trainee' as const, id: ctx.submission.traineeId };
  const names = {
    organizer: ctx.organizer?.name ?? organizer?.id ?? '',
    trainee: ctx.trainee?.name ?? trainee.id,
  };
  const conflicts = [organizer, trainee].flatMap((p) => {
    const d = p ? inForce.get(partyKey(p)) : undefined;
    return d?.decision === 'conflict' ? [d] : [];
  });
  const declare = (party: { kind: ConflictPartyKind; id: string }, allowNone: boolean) => (
    <ConflictDeclare
      key={partyKey(party)}
      profileId={profile.id}
      expertId={item.assignment.expertId}
      party={party}
      partyName={names[party.kind]}
      allowNone={allowNone}
      onCancel={allowNone ? undefined : () => setDeclaring(null)}
    />
  );
  // The gate: nothing of an organizer opens before the expert has declared about it.
  const gate = organizer && partyStatus(inForce, organizer) === 'undeclared' ? organizer : null;
  const pick = declaring === 'organizer' ? organizer : declaring === 'trainee' ? trainee : null;
  return (
    <Stack gap="md">
      <SubmissionFacts ctx={ctx} />
      {conflicts.length > 0 ? (
        <RecusedNotice profileId={profile.id} declarations={conflicts} />
      ) : gate ? (
        declare(gate, true)
      ) : pick ? (
        declare(pick, false)
      ) : ctx.rubric ? (
        <>
          <Group justify="flex-end" gap="xs">
            <Button
              size="compact-xs"
              variant="subtle"
              color="grape"
              data-testid="declare-trainee"
              onClick={() => setDeclaring('trainee')}
            >
              {s.conflict.declareTrainee}
            </Button>
            {organizer && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="grape"
                data-testid="declare-organizer"
                onClick={() => setDeclaring('organizer')}
              >
                {s.conflict.declareOrganizer}
              </Button>
            )}
          </Group>
          <ScoreForm
            profile={profile}
            item={item}
            rubric={ctx.rubric}
            files={ctx.files}
            citeSinkRef={citeSinkRef}
            onOpenAnchor={onOpenAnchor}
          />
        </>
      ) : (
        <ErrorNotice
          error={s.form.noRubric(
            ctx.klass ? programLabels[ctx.klass.program] : ctx.submission.classId,
            s.kinds[ctx.submission.kind],
          )}
        />
      )}
    </Stack>
  );
}

function ScoreForm({
  profile,
  item,
  rubric,
  files,
  citeSinkRef,
  onOpenAnchor,
}: {
  profile: Profile;
  item: QueueItem;
  rubric: Rubric;
  files: FileRow[];
  citeSinkRef: CiteSink | undefined;
  onOpenAnchor: ((anchor: PageAnchor) => void) | undefined;
}) {
  const db = useDb();
  const draft = useReviewDraft(db, profile.id, item.assignment.id, item.latest);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A submitted review is read-only until 修改 opens a new revision (or a change is pending).
  const [revising, setRevising] = useState(false);
  const { form } = draft;
  const headingRef = useRef<HTMLDivElement | null>(null);
  // After a refused 提交 the summary may be scrolled out of view: bring it back with the rubric
  // heading above it (the list alone, scrolled to the pane's top edge, cut the heading off).
  useEffect(() => {
    if (Object.keys(errors).length > 0) headingRef.current?.scrollIntoView({ block: 'start' });
  }, [errors]);

  const submit = async () => {
    if (!form || busy) return;
    setBusy(true);
    try {
      await draft.flush();
      const r = await submitReview(db, {
        profileId: profile.id,
        assignment: item.assignment,
        rubric,
        draft: form,
        files,
      });
      if (r.ok) {
        setErrors({});
        setNotice(r.action === 'change' ? s.form.changed : s.form.submitted);
        draft.markClean();
        setRevising(false);
      } else {
        setErrors(r.errors);
        setNotice(null);
      }
    } catch (e) {
      // IndexedDB refused the write (full disk, quota): nothing was stored; the draft remains.
      setErrors({ form: s.form.submitFailed(e instanceof Error ? e.message : String(e)) });
      setNotice(null);
    } finally {
      setBusy(false);
    }
  };
  // Ctrl+Enter submits from anywhere, form fields included (hence no ignored tags).
  useHotkeys(
    [
      ['ctrl+Enter', () => void submit()],
      ['meta+Enter', () => void submit()],
    ],
    [],
  );

  const submitted = item.latest !== null;
  const locked = submitted && !revising && !draft.dirty;
  const clearError = (key: string) =>
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _drop, ...rest } = e;
      return rest;
    });
  // The field 引用此页 attaches to: the last score or comment the expert was in.
  const [target, setTarget] = useState<string>(GENERAL);
  const [citeNote, setCiteNote] = useState<string | null>(null);
  const labelOf = (id: string) =>
    id === GENERAL
      ? s.anchors.generalComment
      : (rubric.criteria.find((c) => c.id === id)?.label ?? id);
  const fileName = (sha: string) => fileNameOf(files, sha);
  // Registered on every render so the citation sees the current field and lock state.
  useEffect(() => {
    if (!citeSinkRef) return;
    citeSinkRef.current = (file, cite) => {
      if (locked || !form) return setCiteNote(s.anchors.locked);
      const anchor: DraftAnchor = {
        fileSha256: file.sha256,
        page: cite.page,
        pageCount: cite.pageCount,
        ...(cite.quote ? { quote: cite.quote } : {}),
        ...(target !== GENERAL ? { criterionId: target } : {}),
      };
      if ((form.anchors ?? []).some((a) => sameAnchor(a, anchor))) {
        return setCiteNote(s.anchors.duplicate);
      }
      clearError('anchors');
      draft.update((d) => ({ ...d, anchors: [...(d.anchors ?? []), anchor] }));
      setCiteNote(s.anchors.added(fileName(file.sha256) ?? file.path, cite.page, labelOf(target)));
    };
    return () => {
      citeSinkRef.current = null;
    };
  });

  if (!form) return <Loader size="sm" />;
  const raised = form.hardFails ?? {};
  const hardFailed = Object.keys(raised).length > 0;
  const live = liveScore(rubric, form.scores, hardFailed);
  const errorList = Object.values(errors);
  const anchorsFor = (id: string) =>
    (form.anchors ?? []).filter((a) => (a.criterionId ?? GENERAL) === id);
  const chips = (id: string) => (
    <AnchorChips
      anchors={anchorsFor(id)}
      fileName={fileName}
      onOpen={(a) => onOpenAnchor?.(a)}
      onRemove={
        locked
          ? undefined
          : (a) =>
              draft.update((d) => ({
                ...d,
                anchors: (d.anchors ?? []).filter((x) => !sameAnchor(x, a)),
              }))
      }
    />
  );

  return (
    <Card
      withBorder
      padding="md"
      data-testid="review-form"
      data-assignment-id={item.assignment.id}
      // Mantine's Card clips its overflow, which would pin the sticky action bar to the card.
      style={{ overflow: 'visible' }}
    >
      <Stack gap="sm">
        <Group ref={headingRef} justify="space-between" wrap="nowrap">
          <Title order={5}>
            {s.form.rubric}：{rubric.title}
          </Title>
          <Badge
            data-testid="review-status"
            variant="light"
            color={submitted ? 'blue' : draft.dirty ? 'yellow' : 'gray'}
            style={{ flexShrink: 0 }}
          >
            {submitted ? s.state[item.state] : draft.dirty ? s.state.draft : s.state.todo}
          </Badge>
        </Group>
        {locked && (
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" c="dimmed">
              {s.form.lockedHint(item.latest?.revision ?? item.versions)}
            </Text>
            <Button
              size="compact-sm"
              variant="light"
              data-testid="review-revise"
              onClick={() => setRevising(true)}
            >
              {s.form.revise}
            </Button>
          </Group>
        )}
        {submitted && !locked && (
          <Textarea
            label={s.form.revisionReason}
            description={s.form.revisionReasonHint}
            withAsterisk
            autosize
            minRows={2}
            data-testid="revision-reason"
            value={form.revisionReason ?? ''}
            error={errors.revisionReason}
            onChange={(e) => {
              clearError('revisionReason');
              const revisionReason = e.currentTarget.value;
              draft.update((d) => ({ ...d, revisionReason }));
            }}
          />
        )}
        {submitted && draft.dirty && (
          <Alert color="yellow" p="xs" data-testid="unsent-change">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{s.form.unsentChange}</Text>
              <Button
                size="compact-xs"
                variant="default"
                onClick={() => {
                  setRevising(false);
                  void draft.discard();
                }}
              >
                {s.form.discard}
              </Button>
            </Group>
          </Alert>
        )}
        {errorList.length > 0 && (
          <Alert color="red" title={s.form.errorsTitle} data-testid="review-errors">
            <List size="sm">
              {errorList.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {citeSinkRef && !locked && (
          <Text size="xs" c="dimmed" data-testid="cite-target">
            {citeNote ?? s.anchors.target(labelOf(target))}
          </Text>
        )}
        {citeSinkRef && locked && citeNote && (
          <Text size="xs" c="orange" data-testid="cite-target">
            {citeNote}
          </Text>
        )}
        <Stack gap={6}>
          {rubric.criteria.map((c) => {
            const key = `scores.${c.id}`;
            const value = form.scores[c.id];
            // A refused submission's message first; otherwise what is wrong with the value now.
            const fieldError = errors[key] ?? live.errors[c.id];
            return (
              <Stack key={c.id} gap={4}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" fw={500}>
                      {c.label}
                    </Text>
                    {c.guidance && (
                      <Text size="xs" c="dimmed">
                        {c.guidance}
                      </Text>
                    )}
                    {/* The message sits under the label, where there is room; the input turns red. */}
                    {fieldError && (
                      <Text size="xs" c="red" data-testid={`score-error-${c.id}`}>
                        {fieldError}
                      </Text>
                    )}
                  </div>
                  <NumberInput
                    disabled={locked}
                    aria-label={c.label}
                    data-criterion={c.id}
                    data-max={c.maxScore}
                    w={150}
                    min={0}
                    max={c.maxScore}
                    allowNegative={false}
                    decimalScale={1}
                    clampBehavior="none"
                    rightSection={
                      <Text size="xs" c="dimmed" pr={6}>
                        /{c.maxScore}
                      </Text>
                    }
                    rightSectionWidth={44}
                    value={value ?? ''}
                    error={Boolean(fieldError)}
                    onFocus={() => setTarget(c.id)}
                    onKeyDown={(e) => {
                      // Enter walks the scores, then on to the verdict: scoring by keyboard alone.
                      if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey) return;
                      e.preventDefault();
                      const card = e.currentTarget.closest('[data-testid="review-form"]');
                      const inputs = [
                        ...(card?.querySelectorAll<HTMLInputElement>('input[data-criterion]') ??
                          []),
                      ];
                      const next = inputs[inputs.indexOf(e.currentTarget) + 1];
                      const verdict =
                        card?.querySelector<HTMLInputElement>('input[type="radio"]:checked') ??
                        card?.querySelector<HTMLInputElement>(
                          'input[type="radio"]:not([disabled])',
                        );
                      (next ?? verdict)?.focus();
                    }}
                    onChange={(v) => {
                      clearError(key);
                      const n = typeof v === 'number' ? v : v === '' ? null : Number(v);
                      draft.update((d) => ({
                        ...d,
                        scores: {
                          ...d.scores,
                          [c.id]: n !== null && Number.isFinite(n) ? n : null,
                        },
                      }));
                    }}
                  />
                </Group>
                {chips(c.id)}
                {(live.commentNeeded.includes(c.id) || form.criterionComments?.[c.id]) && (
                  <Textarea
                    mt={4}
                    size="xs"
                    autosize
                    minRows={1}
                    label={s.form.criterionComment(c.label)}
                    description={
                      c.commentBelow !== undefined
                        ? s.form.criterionCommentHint(Math.round(c.commentBelow * 100))
                        : undefined
                    }
                    withAsterisk={live.commentNeeded.includes(c.id)}
                    readOnly={locked}
                    data-testid={`criterion-comment-${c.id}`}
                    value={form.criterionComments?.[c.id] ?? ''}
                    error={errors[`criterionComments.${c.id}`]}
                    onFocus={() => setTarget(c.id)}
                    onChange={(e) => {
                      clearError(`criterionComments.${c.id}`);
                      const text = e.currentTarget.value;
                      draft.update((d) => ({
                        ...d,
                        criterionComments: { ...d.criterionComments, [c.id]: text },
                      }));
                    }}
                  />
                )}
              </Stack>
            );
          })}
        </Stack>
        {(rubric.hardFails ?? []).length > 0 && (
          <Stack gap={4} data-testid="hard-fails">
            <Text size="sm" fw={500}>
              {s.hardFails.title}
              <Text span size="xs" c="dimmed">
                {' '}
                {s.hardFails.hint}
              </Text>
            </Text>
            {(rubric.hardFails ?? []).map((h) => {
              const on = h.id in raised;
              return (
                <Stack key={h.id} gap={2}>
                  <Checkbox
                    size="xs"
                    color="red"
                    disabled={locked}
                    label={h.guidance ? `${h.label}（${h.guidance}）` : h.label}
                    data-testid={`hard-fail-${h.id}`}
                    checked={on}
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      clearError(`hardFails.${h.id}`);
                      clearError('verdict');
                      draft.update((d) => {
                        const { [h.id]: _off, ...rest } = d.hardFails ?? {};
                        // Raising one decides the verdict; the note is still the expert's to write.
                        return checked
                          ? { ...d, hardFails: { ...rest, [h.id]: '' }, verdict: 'fail' }
                          : { ...d, hardFails: rest };
                      });
                    }}
                  />
                  {on && (
                    <Textarea
                      size="xs"
                      autosize
                      minRows={1}
                      withAsterisk
                      aria-label={s.hardFails.note(h.label)}
                      placeholder={s.hardFails.notePlaceholder}
                      readOnly={locked}
                      data-testid={`hard-fail-note-${h.id}`}
                      value={raised[h.id] ?? ''}
                      error={errors[`hardFails.${h.id}`]}
                      onChange={(e) => {
                        clearError(`hardFails.${h.id}`);
                        const note = e.currentTarget.value;
                        draft.update((d) => ({
                          ...d,
                          hardFails: { ...d.hardFails, [h.id]: note },
                        }));
                      }}
                    />
                  )}
                </Stack>
              );
            })}
          </Stack>
        )}
        <Textarea
          label={s.form.comment}
          description={s.form.commentHint}
          autosize
          minRows={3}
          maxRows={8}
          readOnly={locked}
          value={form.comment}
          error={errors.comment}
          onFocus={() => setTarget(GENERAL)}
          onChange={(e) => {
            clearError('comment');
            const comment = e.currentTarget.value;
            draft.update((d) => ({ ...d, comment }));
          }}
        />
        {chips(GENERAL)}
        <Checkbox
          disabled={locked}
          data-testid="no-conflict"
          label={s.form.noConflict}
          checked={form.noConflict}
          error={errors.noConflict}
          onChange={(e) => {
            clearError('noConflict');
            const noConflict = e.currentTarget.checked;
            draft.update((d) => ({ ...d, noConflict }));
          }}
        />
        {/* The action bar stays at the bottom of the pane while the criteria scroll under it, so
            the total, the verdict, 提交 and what 提交 did are always in view at 1366×768. */}
        <div style={ACTION_BAR} data-testid="review-action-bar">
          <Stack gap={6}>
            {notice && (
              <Alert color="teal" p="xs" data-testid="review-notice" role="status">
                {notice}
              </Alert>
            )}
            <Group justify="space-between" wrap="nowrap" gap="xs">
              {/* Coloured only once every criterion is scored and valid: a half-filled form is not a fail. */}
              <Text
                fw={600}
                data-testid="review-total"
                data-outcome={live.outcome ?? 'incomplete'}
                c={live.outcome === 'pass' ? 'teal' : live.outcome === 'fail' ? 'red' : undefined}
              >
                {s.form.total(live.total, live.max)}
                {hardFailed
                  ? ` · ${s.hardFails.outcome}`
                  : live.outcome &&
                    ` · ${live.outcome === 'pass' ? s.form.reachesPass : s.form.belowPass}`}
              </Text>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {s.form.passScore(rubric.passScore)}
              </Text>
            </Group>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Radio.Group
                aria-label={s.form.verdict}
                value={form.verdict ?? ''}
                onChange={(v) => {
                  clearError('verdict');
                  draft.update((d) => ({ ...d, verdict: v === 'pass' || v === 'fail' ? v : null }));
                }}
              >
                <Group gap="sm" wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {s.form.verdict}
                  </Text>
                  <Radio
                    value="pass"
                    label={s.form.pass}
                    data-testid="verdict-pass"
                    disabled={locked || hardFailed}
                  />
                  <Radio
                    value="fail"
                    label={s.form.fail}
                    data-testid="verdict-fail"
                    disabled={locked}
                  />
                </Group>
              </Radio.Group>
              <Button
                data-testid="review-submit"
                loading={busy}
                disabled={submitted && !draft.dirty}
                onClick={() => void submit()}
                rightSection={<Kbd size="xs">{s.form.submitKeys}</Kbd>}
                style={{ flexShrink: 0, marginLeft: 'auto' }}
              >
                {submitted ? s.form.submitChange : s.form.submit}
              </Button>
            </Group>
            {errors.verdict && (
              <Text size="xs" c="red">
                {errors.verdict}
              </Text>
            )}
            <Text size="xs" c={draft.saveError ? 'red' : 'dimmed'} data-testid="draft-status">
              {draft.saveError
                ? s.form.draftFailed(draft.saveError)
                : draft.savedAt
                  ? s.form.draftSaved(draft.savedAt)
                  : item.latest && !draft.dirty
                    ? s.form.history(item.versions)
                    : ''}
            </Text>
          </Stack>
        </div>
      </Stack>
    </Card>
  );
}
