// A small hash router: the console's pages live under "#/", so no page path
// can collide with an API path (the API is served from the same origin).
import { useEffect, useRef, useState } from 'react';

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

/** A LeaveGuard settles what the page still has to do before the console
 * leaves it (a save being sent) and answers whether it may leave. */
export type LeaveGuard = () => Promise<boolean>;

const guards = new Set<{ current: LeaveGuard }>();

/** useLeaveGuard asks guard before navigate leaves the page, while the
 * calling component is mounted. Moves the console does not make (the
 * browser's back button, a typed address) are not asked. */
export function useLeaveGuard(guard: LeaveGuard) {
  const ref = useRef(guard);
  ref.current = guard;
  useEffect(() => {
    guards.add(ref);
    return () => void guards.delete(ref);
  }, []);
}

/** navigate goes to a console link built by href, once the page's guards
 * let it; without guards, at once. */
export function navigate(to: string) {
  const go = () => (window.location.hash = to.replace(/^#/, ''));
  if (guards.size === 0) return void go();
  void Promise.all([...guards].map((g) => g.current())).then((oks) => oks.every(Boolean) && go());
}

/** followHash is the onClick of a plain hash link (<a href="#/...">) that
 * the page's guards must let through. */
export function followHash(e: React.MouseEvent<HTMLAnchorElement>) {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(e.currentTarget.getAttribute('href') ?? '#/');
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
