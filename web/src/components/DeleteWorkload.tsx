// Deleting a workload asks for its name to be typed, as the AWS console does.
import { wa } from '../api/ops';
import { ConfirmDelete } from './ConfirmDelete';

export function DeleteWorkload({ w, onClose, onDeleted }: { w: { WorkloadId: string; WorkloadName: string }; onClose: () => void; onDeleted: () => void }) {
  return (
    <ConfirmDelete
      what="workload"
      name={w.WorkloadName}
      consequence="removes its lens reviews, answers, milestones and shares."
      onDelete={() => wa.deleteWorkload(w.WorkloadId)}
      onClose={onClose}
      onDeleted={onDeleted}
    />
  );
}
