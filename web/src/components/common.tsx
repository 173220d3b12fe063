// Small pieces every page uses.
import { useCallback, useEffect, useRef, useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Link from '@cloudscape-design/components/link';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { Risk } from '../api/gen/types';
import { errorText, riskLabel, safeUrl } from '../format';
import { ApiError } from '../api/client';

/** useAsync runs load when deps change and keeps its result, error and a reload. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const seq = useRef(0);
  const run = useCallback(() => {
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => n === seq.current && setState({ data, loading: false }),
      (error) => n === seq.current && setState({ error, loading: false }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

/** Unbroken keeps a short status on one line: StatusIndicator breaks its
 * words anywhere (word-break: break-all), so a narrow table column showed
 * "High ris k". Its column grows to fit it instead. */
function Unbroken({ children }: { children: React.ReactNode }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;
}

/** RiskStatus shows a risk with an icon and words, never colour alone. */
export function RiskStatus({ risk }: { risk?: Risk }) {
  if (!risk) return <>-</>;
  const type = { HIGH: 'error', MEDIUM: 'warning', NONE: 'success', NOT_APPLICABLE: 'stopped', UNANSWERED: 'pending' } as const;
  return (
    <Unbroken>
      <StatusIndicator type={type[risk]}>{riskLabel[risk]}</StatusIndicator>
    </Unbroken>
  );
}

/** Count shows a risk count with its words. */
export function RiskCount({ n, risk }: { n?: number; risk: 'HIGH' | 'MEDIUM' }) {
  const v = n ?? 0;
  if (v === 0) return <>0</>;
  return (
    <Unbroken>
      <StatusIndicator type={risk === 'HIGH' ? 'error' : 'warning'}>
        {v} {risk === 'HIGH' ? 'High' : 'Medium'}
      </StatusIndicator>
    </Unbroken>
  );
}

/** SafeLink renders an external link when url is http(s), else the text only. */
export function SafeLink({ url, children }: { url?: string; children: React.ReactNode }) {
  const u = safeUrl(url);
  if (!u) return <>{children}</>;
  return (
    <Link href={u} external target="_blank" rel="noopener noreferrer">
      {children}
    </Link>
  );
}

/** ErrorAlert shows an error answered by the API, with the fields it names. */
export function ErrorAlert({ error, header }: { error: unknown; header?: string }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <Alert type="error" header={header ?? 'Something went wrong'}>
      {errorText(error)}
      {fields.length > 0 && (
        <ul>
          {fields.map((f, i) => (
            <li key={i}>
              {f.Name}: {f.Message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/** download saves base64 content as a file. */
export function downloadBase64(b64: string, name: string, type: string) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
