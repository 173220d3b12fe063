// What changed between two versions of a lens, per pillar: the questions
// added, removed and updated. The publish step and the lens-upgrade
// notifications both show it. Titles come from the lens: text only.
import Box from '@cloudscape-design/components/box';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { DifferenceStatus, PillarDifference } from '../../api/gen/types';

const label: Record<DifferenceStatus, string> = { NEW: 'Added', UPDATED: 'Updated', DELETED: 'Removed' };
const icon = { NEW: 'success', UPDATED: 'info', DELETED: 'stopped' } as const;

function Status({ s }: { s?: DifferenceStatus }) {
  if (!s) return null;
  return <StatusIndicator type={icon[s]}>{label[s]}</StatusIndicator>;
}

/** count tallies a pillar's question changes by status. */
function count(p: PillarDifference, s: DifferenceStatus) {
  return (p.QuestionDifferences ?? []).filter((q) => q.DifferenceStatus === s).length;
}

export function VersionDiff({ pillars, empty }: { pillars: PillarDifference[]; empty?: string }) {
  if (pillars.length === 0) return <Box data-testid="version-diff-empty">{empty ?? 'No pillar or question changed.'}</Box>;
  return (
    <SpaceBetween size="m" data-testid="version-diff">
      {pillars.map((p) => (
        <section key={p.PillarId} aria-label={`Pillar ${p.PillarName ?? p.PillarId}`}>
          <ColumnLayout columns={2} variant="text-grid">
            <Box variant="h4">
              {p.PillarName ?? p.PillarId} <Status s={p.DifferenceStatus} />
            </Box>
            <Box variant="small" textAlign="right">
              {count(p, 'NEW')} added, {count(p, 'DELETED')} removed, {count(p, 'UPDATED')} updated
            </Box>
          </ColumnLayout>
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {(p.QuestionDifferences ?? []).map((q) => (
              <li key={q.QuestionId}>
                <Status s={q.DifferenceStatus} /> {q.QuestionTitle ?? q.QuestionId}{' '}
                <Box variant="small" display="inline" color="text-body-secondary">
                  ({q.QuestionId})
                </Box>
              </li>
            ))}
            {(p.QuestionDifferences ?? []).length === 0 && <li>The pillar's name changed; its questions did not.</li>}
          </ul>
        </section>
      ))}
    </SpaceBetween>
  );
}
