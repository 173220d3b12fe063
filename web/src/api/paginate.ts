// Reading a whole paginated list, for the pages that sort, filter or count
// over every item rather than show one page.

/** allPages calls a paginated list until it ends (or passes limit items),
 * gathering the items under key. */
export async function allPages<T, K extends string>(
  fetchPage: (token?: string) => Promise<{ NextToken?: string } & Partial<Record<K, T[]>>>,
  key: K,
  limit = 5000,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    out.push(...((page[key] as T[] | undefined) ?? []));
    token = page.NextToken;
  } while (token && out.length < limit);
  return out;
}
