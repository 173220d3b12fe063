// Generate report: the lens review's PDF (now or at a milestone), downloaded.
import { useState } from 'react';
import Button from '@cloudscape-design/components/button';
import ButtonDropdown from '@cloudscape-design/components/button-dropdown';
import { getConsolidatedReport, getLensReviewExport, getLensReviewReport } from '../api/gen/ops';
import { downloadBase64 } from './common';
import { useFlash } from '../flash';
import { errorText } from '../format';

export function ReportButton({ workloadId, lens, milestone, name }: { workloadId: string; lens: string; milestone?: number; name: string }) {
  const [busy, setBusy] = useState(false);
  const flash = useFlash();
  const run = async () => {
    setBusy(true);
    try {
      const r = await getLensReviewReport({ WorkloadId: workloadId, LensAlias: lens, MilestoneNumber: milestone });
      const file = `${name.replace(/[^\p{L}\p{N}._-]+/gu, '_')}${milestone ? '-milestone-' + milestone : ''}.pdf`;
      downloadBase64(r.LensReviewReport?.Base64String ?? '', file, 'application/pdf');
    } catch (e) {
      flash({ type: 'error', content: 'The report could not be generated: ' + errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const exportAs = async (format: 'HTML' | 'MARKDOWN' | 'CSV' | 'XLSX') => {
    setBusy(true);
    try {
      const r = await getLensReviewExport({ WorkloadId: workloadId, LensAlias: lens, Format: format, MilestoneNumber: milestone });
      downloadBase64(r.Base64String ?? '', r.FileName ?? 'export', r.ContentType ?? 'application/octet-stream');
    } catch (e) {
      flash({ type: 'error', content: 'The export failed: ' + errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <ButtonDropdown
      data-testid="generate-report"
      loading={busy}
      mainAction={{ text: 'Generate report', iconName: 'download', onClick: run }}
      ariaLabel="Other report formats"
      items={[
        { id: 'HTML', text: 'HTML (self-contained)' },
        { id: 'MARKDOWN', text: 'Markdown' },
        { id: 'CSV', text: 'CSV: a row per question and practice' },
        { id: 'XLSX', text: 'Excel (XLSX): a row per question and practice' },
      ]}
      onItemClick={(e) => exportAs(e.detail.id as 'HTML' | 'MARKDOWN' | 'CSV' | 'XLSX')}
    />
  );
}

/** ConsolidatedReportButton downloads one PDF across the caller's workloads,
 * those shared with it included. */
export function ConsolidatedReportButton() {
  const [busy, setBusy] = useState(false);
  const flash = useFlash();
  const run = async () => {
    setBusy(true);
    try {
      const r = await getConsolidatedReport({ Format: 'PDF', IncludeSharedResources: true });
      downloadBase64(r.Base64String ?? '', `consolidated-report-${new Date().toISOString().slice(0, 10)}.pdf`, 'application/pdf');
    } catch (e) {
      flash({ type: 'error', content: 'The consolidated report could not be generated: ' + errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button iconName="download" onClick={run} loading={busy} data-testid="consolidated-report">
      Consolidated report
    </Button>
  );
}
