// The dashboard's data, asked for as soon as the session is known: the first
// page of workloads then travels while the shell renders, and the dashboard
// shows each page as it arrives.
import { useEffect, useState } from 'react';
import { listWorkloads } from './api/gen/ops';
import type { WorkloadSummary } from './api/gen/types';

type Page = Awaited<ReturnType<typeof listWorkloads>>;
let early: { at: number; first: Promise<Page> } | undefined;

/** prefetchWorkloads starts asking for the first page of workloads. */
export function prefetchWorkloads() {
  const first = listWorkloads({ MaxResults: 50 });
  first.catch(() => {}); // a failure is shown by the page that uses it
  early = { at: Date.now(), first };
}

function firstPage(): Promise<Page> {
  const e = early;
  early = undefined;
  return e && Date.now() - e.at < 5000 ? e.first : listWorkloads({ MaxResults: 50 });
}

/** useWorkloads lists every workload the caller can see, page by page:
 * `loading` stays true until the last page is in. */
export function useWorkloads() {
  const [state, setState] = useState<{ data?: WorkloadSummary[]; error?: unknown; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    (async () => {
      let page = await firstPage();
      let all = page.WorkloadSummaries ?? [];
      while (live) {
        setState({ data: all, loading: !!page.NextToken });
        if (!page.NextToken || all.length >= 5000) break;
        page = await listWorkloads({ NextToken: page.NextToken, MaxResults: 50 });
        all = [...all, ...(page.WorkloadSummaries ?? [])];
      }
    })().catch((error) => live && setState((s) => ({ ...s, error, loading: false })));
    return () => {
      live = false;
    };
  }, []);
  return state;
}
