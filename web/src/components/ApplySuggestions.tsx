// "Apply all suggestions": answers every question the scan evidence has a
// suggestion for, in one ApplySuggestedAnswers as `wat scan --apply` does —
// the passing practices are added to the selection (nothing is unselected)
// and the failing resources written into the notes. Nothing changes until
// the reviewer confirms.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import { applySuggestedAnswers, getSuggestedAnswers } from '../api/gen/ops';
import type { SuggestedAnswer } from '../api/gen/types';
import { ActionModal } from './ActionModal';
import { useAsync } from './common';
import { useFlash } from '../flash';
import { date } from '../format';

export function ApplySuggestions({ id, lens, onApplied }: { id: string; lens: string; onApplied: () => void }) {
  const s = useAsync(() => getSuggestedAnswers({ WorkloadId: id, LensAlias: lens }).catch(() => undefined), [id, lens]);
  const [asking, setAsking] = useState(false);
  const flash = useFlash();
  const pending: SuggestedAnswer[] = (s.data?.SuggestedAnswers ?? []).filter((x) => x.HasChanges && !x.SkipReason);
  if (!s.data?.EvidenceUpdatedAt || pending.length === 0) return null;
  return (
    <>
      <Button onClick={() => setAsking(true)} data-testid="apply-all-suggestions">
        Apply scan suggestions ({pending.length})
      </Button>
      {asking && (
        <ActionModal
          header="Apply the scan's suggestions"
          action={`Apply to ${pending.length} questions`}
          onClose={() => setAsking(false)}
          run={async () => {
            const out = await applySuggestedAnswers({ WorkloadId: id, LensAlias: lens });
            flash({ type: 'success', content: `Applied the scan's suggestions to ${(out.AppliedAnswers ?? []).length} questions.` });
            setAsking(false);
            s.reload();
            onApplied();
          }}
        >
          <Box>
            The evidence of the scan of {date(s.data.EvidenceUpdatedAt)} suggests answers for {pending.length} questions: the best practices
            whose checks all pass are added to what is selected (nothing is unselected), and the failing resources are written into the notes.
          </Box>
          <ul>
            {pending.slice(0, 12).map((p) => (
              <li key={p.QuestionId}>{p.QuestionTitle}</li>
            ))}
            {pending.length > 12 && <li>… and {pending.length - 12} more</li>}
          </ul>
        </ActionModal>
      )}
    </>
  );
}
