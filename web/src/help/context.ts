// The help panel's state: what the console's tools drawer shows, and the
// context through which a page's Info links open it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { AppLayoutProps } from '@cloudscape-design/components/app-layout';

/** HelpTopic is what the help panel shows: a title, texts in lens format
 * (plain text, see HelpText), each under an optional heading, and links. */
export interface HelpTopic {
  title: string;
  sections: { heading?: string; text?: string }[];
  links?: { text: string; url?: string }[];
}

interface Help {
  /** show puts topic in the panel and opens it (an Info link was followed). */
  show: (topic: HelpTopic) => void;
  /** setPageTopic sets (or, with no topic, drops) the page's own topic. */
  setPageTopic: (owner: object, topic?: HelpTopic) => void;
}

export const HelpContext = createContext<Help>({ show: () => {}, setPageTopic: () => {} });

export function useHelp(): Help {
  return useContext(HelpContext);
}

/** usePageHelp gives the calling page a topic of its own, shown when the
 * panel is opened without an Info link (its toggle), for as long as the page
 * is mounted. The review gives its current question's help, so a reviewer
 * moving on with the panel open reads the next question's. topic must keep
 * its identity between renders (useMemo). */
export function usePageHelp(topic?: HelpTopic) {
  const { setPageTopic } = useHelp();
  const owner = useRef({}).current;
  useEffect(() => {
    if (topic) setPageTopic(owner, topic);
  }, [topic, owner, setPageTopic]);
  useEffect(() => () => setPageTopic(owner, undefined), [owner, setPageTopic]);
}

/** useHelpState keeps the panel's state for the shell: path is the current
 * page's, since a topic opened by an Info link belongs to the page it was
 * opened on. It returns the context to provide, the topic to show (none: the
 * drawer is hidden, as pages without help have no use for its toggle), and
 * the AppLayout props that open and close it. */
export function useHelpState(path: string) {
  const layout = useRef<AppLayoutProps.Ref>(null);
  const pathNow = useRef(path);
  pathNow.current = path;
  const [followed, setFollowed] = useState<{ topic: HelpTopic; path: string }>();
  const [page, setPage] = useState<{ topic: HelpTopic; owner: object }>();
  const [open, setOpen] = useState(false);
  const focusPending = useRef(false);
  const topic = followed?.path === path ? followed.topic : page?.topic;

  // A page without help closes the drawer, so that the next page's opens
  // only when asked to (Cloudscape: closed on page load).
  useEffect(() => {
    if (!topic) setOpen(false);
  }, [topic]);
  // Keyboard and screen reader users land in the panel they opened; its
  // close button is the first thing there and brings them back.
  useEffect(() => {
    if (open && focusPending.current) {
      focusPending.current = false;
      layout.current?.focusToolsClose();
    }
  });

  const show = useCallback((t: HelpTopic) => {
    focusPending.current = true;
    setFollowed({ topic: t, path: pathNow.current });
    setOpen(true);
  }, []);
  const setPageTopic = useCallback((owner: object, t?: HelpTopic) => {
    setPage((p) => (t ? { topic: t, owner } : p?.owner === owner ? undefined : p));
  }, []);
  const context = useMemo(() => ({ show, setPageTopic }), [show, setPageTopic]);
  const layoutProps = {
    ref: layout,
    toolsHide: !topic,
    toolsOpen: open && !!topic,
    onToolsChange: (e: { detail: { open: boolean } }) => setOpen(e.detail.open),
    ariaLabels: { tools: 'Help panel', toolsClose: 'Close help panel', toolsToggle: 'Open help panel' },
  } satisfies Partial<AppLayoutProps> & { ref: React.Ref<AppLayoutProps.Ref> };
  return { context, topic, layoutProps };
}
