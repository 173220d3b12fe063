// Words shared by the lens catalog's list and entry pages.
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { CatalogInstallStatus } from '../../api/gen/types';

/** frameworkPillars are the framework's pillars as the catalog names them
 * (FrameworkPillars holds these ids), in the framework's order. */
export const frameworkPillars: { id: string; name: string }[] = [
  { id: 'operationalExcellence', name: 'Operational Excellence' },
  { id: 'security', name: 'Security' },
  { id: 'reliability', name: 'Reliability' },
  { id: 'performance', name: 'Performance Efficiency' },
  { id: 'costOptimization', name: 'Cost Optimization' },
  { id: 'sustainability', name: 'Sustainability' },
];

/** pillarNames names framework pillar ids; an id this console does not
 * know (a newer server) is shown as it is rather than dropped. */
export function pillarNames(ids?: string[]): string {
  return (ids ?? []).map((id) => frameworkPillars.find((p) => p.id === id)?.name ?? id).join(', ');
}

/** InstallStatusText shows what the account installed, in words with an icon. */
export function InstallStatusText({ status, installed }: { status?: CatalogInstallStatus; installed?: string }) {
  // StatusIndicator breaks words anywhere ("Not installe d" in a narrow
  // column); its column grows to fit it instead.
  return <span style={{ whiteSpace: 'nowrap' }}>{statusText(status, installed)}</span>;
}

function statusText(status?: CatalogInstallStatus, installed?: string) {
  switch (status) {
    case 'INSTALLED':
      return <StatusIndicator type="success">Installed</StatusIndicator>;
    case 'UPGRADE_AVAILABLE':
      return <StatusIndicator type="info">Upgrade available{installed ? ` (installed ${installed})` : ''}</StatusIndicator>;
    default:
      return <StatusIndicator type="stopped">Not installed</StatusIndicator>;
  }
}
