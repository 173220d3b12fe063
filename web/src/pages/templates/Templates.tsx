// Review templates: answers and notes prepared once and applied to new
// workloads. The list of the account's templates; create, share, delete.
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { createTemplateShare, deleteReviewTemplate, deleteTemplateShare, listReviewTemplates, listTemplateShares } from '../../api/gen/ops';
import { allPages } from '../../api/paginate';
import type { ReviewTemplateSummary } from '../../api/gen/types';
import { ErrorAlert, useAsync } from '../../components/common';
import { useFlash } from '../../flash';
import { date } from '../../format';
import { followLink, href } from '../../router';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { ShareModal } from '../lenses/ShareModal';

/** UpdateStatusText says whether the template's lenses are at their latest versions. */
export function UpdateStatusText({ status }: { status?: string }) {
  if (!status) return <>-</>;
  if (status === 'CURRENT') return <StatusIndicator type="success">Current</StatusIndicator>;
  if (status === 'LENS_NOT_CURRENT') return <StatusIndicator type="warning">Lens upgrade available</StatusIndicator>;
  return <>{status}</>;
}

export function Templates() {
  const list = useAsync(() => allPages((NextToken) => listReviewTemplates({ NextToken, MaxResults: 50 }), 'ReviewTemplates'), []);
  const [selected, setSelected] = useState<ReviewTemplateSummary[]>([]);
  const [dialog, setDialog] = useState<'share' | 'delete'>();
  const flash = useFlash();
  const one = selected[0];
  return (
    <SpaceBetween size="l">
      <ErrorAlert error={list.error} />
      <Table
        data-testid="templates-table"
        variant="full-page"
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={list.data ? `(${list.data.length})` : undefined}
            description="Answers and notes prepared once, applied to each workload defined from the template."
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button disabled={!one} onClick={() => setDialog('delete')}>
                  Delete
                </Button>
                <Button disabled={!one} onClick={() => setDialog('share')}>
                  Share
                </Button>
                <Button variant="primary" href={href('templates', 'new')} onFollow={followLink} data-testid="create-template">
                  Create template
                </Button>
              </SpaceBetween>
            }
          >
            Review templates
          </Header>
        }
        loading={list.loading}
        loadingText="Loading review templates"
        wrapLines
        items={list.data ?? []}
        trackBy="TemplateArn"
        selectionType="single"
        selectedItems={selected}
        onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
        ariaLabels={{ itemSelectionLabel: (_s, t) => `Select ${t.TemplateName}`, selectionGroupLabel: 'Template selection' }}
        empty={<Box textAlign="center">No review template yet.</Box>}
        columnDefinitions={[
          {
            id: 'name',
            header: 'Name',
            cell: (t) => (
              <Link href={href('templates', t.TemplateArn!)} onFollow={followLink}>
                {t.TemplateName}
              </Link>
            ),
          },
          { id: 'description', header: 'Description', cell: (t) => t.Description || '-', maxWidth: 320 },
          { id: 'lenses', header: 'Lenses', cell: (t) => (t.Lenses ?? []).length },
          { id: 'status', header: 'Update status', cell: (t) => <UpdateStatusText status={t.UpdateStatus} /> },
          { id: 'owner', header: 'Owner', cell: (t) => t.Owner || '-' },
          { id: 'updated', header: 'Updated', cell: (t) => date(t.UpdatedAt) },
        ]}
      />
      {dialog === 'share' && one && (
        <ShareModal
          what="review template"
          name={one.TemplateName ?? ''}
          onClose={() => setDialog(undefined)}
          calls={{
            list: () => allPages((NextToken) => listTemplateShares({ TemplateArn: one.TemplateArn!, NextToken, MaxResults: 50 }), 'TemplateShareSummaries'),
            create: (to) => createTemplateShare({ TemplateArn: one.TemplateArn!, SharedWith: to }),
            remove: (id) => deleteTemplateShare({ TemplateArn: one.TemplateArn!, ShareId: id }),
          }}
        />
      )}
      {dialog === 'delete' && one && (
        <ConfirmDelete
          what="review template"
          name={one.TemplateName ?? ''}
          consequence="removes its answers and notes; workloads already defined from it keep theirs."
          onDelete={() => deleteReviewTemplate({ TemplateArn: one.TemplateArn! })}
          onClose={() => setDialog(undefined)}
          onDeleted={() => {
            setDialog(undefined);
            setSelected([]);
            flash({ type: 'success', content: `Deleted ${one.TemplateName}.` });
            list.reload();
          }}
        />
      )}
    </SpaceBetween>
  );
}
