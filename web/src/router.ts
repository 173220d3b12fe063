// A small hash router: the console's pages live under "#/", so no page path
// can collide with an API path (the API is served from the same origin).
import { useEffect, useState } from 'react';

export interface Route {
  path: string; // "/workloads/abc"
  parts: string[]; // ["workloads", "abc"]
  query: URLSearchParams;
}

function current(): Route {
  const h = window.location.hash.replace(/^#/, '') || '/';
  const [path, q = ''] = h.split('?', 2);
  return { path, parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q) };
}

/** useRoute returns the current route and re-renders when it changes. */
export function useRoute(): Route {
  const [r, setR] = useState(current);
  useEffect(() => {
    const f = () => setR(current());
    window.addEventListener('hashchange', f);
    return () => window.removeEventListener('hashchange', f);
  }, []);
  return r;
}

/** href builds a console link from path segments, each encoded. */
export function href(...parts: (string | number)[]): string {
  return '#/' + parts.map((p) => encodeURIComponent(String(p))).join('/');
}

/** navigate goes to a console link built by href. */
export function navigate(to: string) {
  window.location.hash = to.replace(/^#/, '');
}

/** followLink is the onFollow of Cloudscape links and buttons: hash links
 * are followed by the browser itself, so only the default is kept. */
export function followLink(e: CustomEvent<{ href?: string; external?: boolean }>) {
  const to = e.detail.href;
  if (to && to.startsWith('#') && !e.detail.external) {
    e.preventDefault();
    navigate(to);
  }
}
