// Deleting a workload asks for its name to be typed, as the AWS console does.
import { deleteWorkload } from '../api/gen/ops';
import type { WorkloadSummary } from '../api/gen/types';
import { ConfirmDelete } from './ConfirmDelete';

export function DeleteWorkload({ w, onClose, onDeleted }: { w: WorkloadSummary; onClose: () => void; onDeleted: () => void }) {
  return (
    <ConfirmDelete
      what="workload"
      name={w.WorkloadName ?? ''}
      consequence="removes its lens reviews, answers, milestones and shares."
      onDelete={() => deleteWorkload({ WorkloadId: w.WorkloadId! })}
      onClose={onClose}
      onDeleted={onDeleted}
    />
  );
}
