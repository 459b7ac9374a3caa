import { Button, Modal } from '@mantine/core';
import { useState } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { t } from '../../app/strings';
import type { SimilarityRole } from './scope';
import { SimilarityPanel } from './SimilarityPanel';

const s = t.similarity;

/** The way into the pre-check from 评审任务 and 组长会审 (composed there by app/screens.ts). */
export function SimilarityButton({ profile, role }: { profile: Profile; role: SimilarityRole }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="compact-sm"
        variant="light"
        onClick={() => setOpen(true)}
        data-testid="similarity-open"
      >
        {s.open}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={s.title}
        size="90%"
        keepMounted={false}
      >
        {open && <SimilarityPanel profile={profile} role={role} />}
      </Modal>
    </>
  );
}
