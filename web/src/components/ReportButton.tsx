// Generate report: the lens review's PDF (now or at a milestone), downloaded.
import { useState } from 'react';
import Button from '@cloudscape-design/components/button';
import { wa } from '../api/ops';
import { downloadBase64 } from './common';
import { useFlash } from '../flash';
import { errorText } from '../format';

export function ReportButton({ workloadId, lens, milestone, name }: { workloadId: string; lens: string; milestone?: number; name: string }) {
  const [busy, setBusy] = useState(false);
  const flash = useFlash();
  const run = async () => {
    setBusy(true);
    try {
      const r = await wa.getLensReviewReport(workloadId, lens, milestone);
      const file = `${name.replace(/[^\p{L}\p{N}._-]+/gu, '_')}${milestone ? '-milestone-' + milestone : ''}.pdf`;
      downloadBase64(r.LensReviewReport.Base64String ?? '', file, 'application/pdf');
    } catch (e) {
      flash({ type: 'error', content: 'The report could not be generated: ' + errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button iconName="download" onClick={run} loading={busy} data-testid="generate-report">
      Generate report
    </Button>
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
      const r = await wa.getConsolidatedReportPDF(true);
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
