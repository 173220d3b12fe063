// Deleting a custom lens: its draft, its published versions, or both
// (DeleteLens's LensStatus), after its name is typed. Workloads already
// using a published version keep it.
import { useState } from 'react';
import FormField from '@cloudscape-design/components/form-field';
import RadioGroup from '@cloudscape-design/components/radio-group';
import { deleteLens } from '../../api/gen/ops';
import type { LensStatusType, LensSummary } from '../../api/gen/types';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { isDraft } from './display';

const consequence: Record<LensStatusType, string> = {
  ALL: 'removes its draft and its published versions: it can no longer be applied to workloads, shared or imported into. Workloads that already use it keep their reviews.',
  DRAFT: 'discards its unpublished changes; its published versions stay.',
  PUBLISHED: 'removes its published versions: it can no longer be applied to workloads. Workloads that already use it keep their reviews.',
};

export function DeleteLens({ lens, onClose, onDeleted }: { lens: LensSummary; onClose: () => void; onDeleted: () => void }) {
  const [status, setStatus] = useState<LensStatusType>(isDraft(lens) ? 'DRAFT' : 'ALL');
  return (
    <ConfirmDelete
      what="lens"
      name={lens.LensName ?? ''}
      consequence={consequence[status]}
      onDelete={() => deleteLens({ LensAlias: lens.LensAlias ?? lens.LensArn ?? '', LensStatus: status })}
      onClose={onClose}
      onDeleted={onDeleted}
    >
      <FormField label="What to delete">
        <RadioGroup
          value={status}
          onChange={(e) => setStatus(e.detail.value as LensStatusType)}
          ariaLabel="What to delete"
          items={[
            { value: 'ALL', label: 'The whole lens', description: 'Its draft and every published version.' },
            { value: 'DRAFT', label: 'The draft only', description: 'The unpublished changes; published versions stay.' },
            { value: 'PUBLISHED', label: 'The published versions only', description: 'The draft, if any, stays.' },
          ]}
        />
      </FormField>
    </ConfirmDelete>
  );
}
