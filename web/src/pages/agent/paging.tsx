// Paging an Agent list page by page with its NextToken: the tokens of the
// pages seen are kept, so that a page is asked for with the token that
// led to it, and Previous goes back without walking the list again.
import { useEffect, useState } from 'react';
import Pagination from '@cloudscape-design/components/pagination';
import { useAsync } from '../../components/common';

/** A page of an Agent list, as the API answers it. */
export interface TokenPage<T> {
  items: T[];
  nextToken?: string;
}

/** useTokenPages reads one page of a list at a time; deps restart it at
 * the first page. */
export function useTokenPages<T>(load: (token?: string) => Promise<TokenPage<T>>, deps: unknown[], label: string) {
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [index, setIndex] = useState(0);
  const key = JSON.stringify(deps);
  useEffect(() => {
    setTokens([undefined]);
    setIndex(0);
  }, [key]);
  const token = tokens[index];
  const page = useAsync(() => load(token), [key, index, token]);
  // A page that has a next one makes that one reachable (again, after a
  // reload forgot it).
  const data = page.data;
  useEffect(() => {
    const next = data?.nextToken;
    if (next) setTokens((t) => (t.length === index + 1 ? [...t, next] : t));
  }, [data, index]);
  const pagination = (
    <Pagination
      currentPageIndex={index + 1}
      pagesCount={tokens.length}
      onChange={(e) => setIndex(e.detail.currentPageIndex - 1)}
      ariaLabels={{ nextPageLabel: `Next page of ${label}`, previousPageLabel: `Previous page of ${label}`, pageLabel: (n) => `Page ${n} of ${label}` }}
    />
  );
  // Reading the page again forgets the pages after it: a change may have
  // moved their starts.
  const reload = () => {
    setTokens((t) => t.slice(0, index + 1));
    page.reload();
  };
  return { items: page.data?.items ?? [], loading: page.loading, error: page.error, reload, pagination, page: index + 1 };
}
