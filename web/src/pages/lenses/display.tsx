// Small pieces the lens pages share: a lens's status in words and saving a
// document as a file.
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { LensSummary } from '../../api/gen/types';

const statusType: Record<string, StatusIndicatorProps.Type> = {
  DRAFT: 'pending',
  PUBLISHED: 'success',
  CURRENT: 'success',
  NOT_CURRENT: 'warning',
  DEPRECATED: 'warning',
  DELETED: 'stopped',
  UNSHARED: 'stopped',
};
const statusWord: Record<string, string> = {
  DRAFT: 'Draft',
  PUBLISHED: 'Published',
  CURRENT: 'Current',
  NOT_CURRENT: 'Not current',
  DEPRECATED: 'Deprecated',
  DELETED: 'Deleted',
  UNSHARED: 'Unshared',
};

/** isDraft tells a custom lens never published. ListLenses reports it as
 * LensStatus DRAFT (and a published one as PUBLISHED), values of the
 * model's LensStatusType that its LensStatus does not list. */
export function isDraft(l: LensSummary): boolean {
  return (l.LensStatus as string | undefined) === 'DRAFT';
}

/** LensStatusText shows a lens's status with an icon and its word. */
export function LensStatusText({ status }: { status?: string }) {
  if (!status) return <>-</>;
  return <StatusIndicator type={statusType[status] ?? 'info'}>{statusWord[status] ?? status}</StatusIndicator>;
}

/** saveText downloads text as a file named after name (kept to safe characters). */
export function saveText(text: string, name: string, type = 'application/json') {
  const safe = name.replace(/[^A-Za-z0-9._ -]+/g, '_').trim() || 'lens';
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = safe.endsWith('.json') ? safe : safe + '.json';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
