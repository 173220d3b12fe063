// Saves that reach the server in the order they were made, and that are not
// lost when the user leaves: a change typed a moment ago is sent before the
// console leaves the question, when the page unmounts, and when the tab
// closes; a save that failed keeps the user on the page with the error.
import { useEffect, useRef, useState } from 'react';
import { useFlash } from '../flash';
import { errorText } from '../format';
import { useLeaveGuard } from '../router';

type Request<T> = () => Promise<T>;

/** TYPING_PAUSE is how long saveSoon waits for typing to stop. */
const TYPING_PAUSE = 600;

interface Job<T> {
  n: number;
  request: Request<T>;
}

interface Handlers<T> {
  done: (r: T, latest: boolean) => void;
  failed: (e: unknown, latest: boolean) => void;
  changed: () => void;
}

/** withWork holds every queue with something not yet saved, mounted or
 * not, so that closing the tab can still send it. */
const withWork = new Set<SaveQueue<unknown>>();

/** SaveQueue sends one request at a time, in the order they were made. */
class SaveQueue<T> {
  private seq = 0;
  private queue: Job<T>[] = [];
  private inflight = 0;
  private soon?: { job: Job<T>; timer: number };
  /** lastFailed is the latest save when it failed: flush sends it again. */
  private lastFailed?: Job<T>;
  private waiters: ((ok: boolean) => void)[] = [];
  private h: Handlers<T>;

  constructor(h: Handlers<T>) {
    this.h = h;
  }

  setHandlers(h: Handlers<T>) {
    this.h = h;
  }

  /** save sends request after the saves before it; a change still waiting
   * for a pause in typing is dropped, as request carries the newer state. */
  save(request: Request<T>) {
    this.dropSoon();
    this.enqueue({ n: ++this.seq, request });
  }

  /** saveSoon sends request once typing pauses, unless a newer one comes. */
  saveSoon(request: Request<T>) {
    this.dropSoon();
    const job = { n: ++this.seq, request };
    this.soon = {
      job,
      timer: window.setTimeout(() => {
        this.soon = undefined;
        this.enqueue(job);
      }, TYPING_PAUSE),
    };
    this.update();
  }

  /** busy tells whether a save is waiting, being sent or failed. */
  get busy(): boolean {
    return !!this.soon || this.queue.length > 0 || this.inflight > 0;
  }

  get unsaved(): boolean {
    return this.busy || !!this.lastFailed;
  }

  /** flush sends what waits for a pause in typing now, and the latest save
   * again if it failed; it answers, once every save has been answered,
   * whether the latest was saved. */
  flush(): Promise<boolean> {
    if (this.soon) {
      const { job } = this.soon;
      this.dropSoon();
      this.enqueue(job);
    } else if (this.lastFailed && !this.busy) {
      this.enqueue({ n: ++this.seq, request: this.lastFailed.request });
    }
    if (!this.busy) return Promise.resolve(!this.lastFailed);
    return new Promise((ok) => this.waiters.push(ok));
  }

  /** sendAll starts every save not yet started at once, without waiting
   * for the ones before it: the page is going away and will not be there
   * to send them in turn. The requests must outlive the page (keepalive). */
  sendAll() {
    if (this.soon) {
      const { job } = this.soon;
      this.dropSoon();
      this.queue.push(job);
    } else if (this.lastFailed && !this.busy) {
      this.queue.push({ n: ++this.seq, request: this.lastFailed.request });
    }
    const jobs = this.queue.splice(0);
    jobs.forEach((j) => this.start(j));
    this.update();
  }

  /** forget gives up a failed save once the user has been told of it and
   * can no longer retry it (the page is gone): closing the tab later need
   * not ask again. */
  forget() {
    this.lastFailed = undefined;
    this.update();
  }

  private dropSoon() {
    if (!this.soon) return;
    window.clearTimeout(this.soon.timer);
    this.soon = undefined;
  }

  private enqueue(job: Job<T>) {
    this.queue.push(job);
    this.next();
  }

  private next() {
    if (this.inflight === 0 && this.queue.length > 0) this.start(this.queue.shift()!);
    this.update();
  }

  private start(job: Job<T>) {
    this.inflight++;
    const latest = () => job.n === this.seq;
    let p: Promise<T>;
    try {
      p = job.request();
    } catch (e) {
      p = Promise.reject(e);
    }
    p.then(
      (r) => {
        if (latest()) this.lastFailed = undefined;
        this.h.done(r, latest());
      },
      (e) => {
        // Only the latest save's outcome counts: a newer one carries the
        // whole answer again.
        if (latest()) this.lastFailed = job;
        this.h.failed(e, latest());
      },
    ).finally(() => {
      this.inflight--;
      this.next();
    });
  }

  private update() {
    if (this.unsaved) withWork.add(this as SaveQueue<unknown>);
    else withWork.delete(this as SaveQueue<unknown>);
    if (!this.busy) this.waiters.splice(0).forEach((w) => w(!this.lastFailed));
    this.h.changed();
  }
}

// Closing or reloading the tab sends what is not saved yet and asks the
// user to stay while it is; the hash router's own moves are guarded by
// useLeaveGuard instead.
window.addEventListener('beforeunload', (e) => {
  if (withWork.size === 0) return;
  withWork.forEach((q) => q.sendAll());
  e.preventDefault();
  e.returnValue = '';
});

/** useOrderedSaves keeps a page's saves in a SaveQueue: saving and error
 * follow the latest save; leaving the page through the console's links
 * and buttons waits for the saves and, if the latest failed, stays unless
 * the user confirms; a page that unmounts anyway sends what it has and
 * reports a failure in the flashbar. what names the thing saved. */
export function useOrderedSaves<T>(done: (r: T, latest: boolean) => void, what = 'The answer') {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const mounted = useRef(true);
  const flash = useFlash();
  const queue = useRef<SaveQueue<T>>(undefined);
  // The handlers see this render's done and flash: a save answered after a
  // re-render reports to the current ones.
  const handlers: Handlers<T> = {
    done: (r, latest) => {
      if (latest) setError(undefined);
      done(r, latest);
    },
    failed: (e, latest) => {
      if (!latest) return;
      if (mounted.current) setError(e);
      else flash({ type: 'error', header: `${what} was not saved`, content: errorText(e) });
    },
    changed: () => setSaving(queue.current!.busy),
  };
  if (!queue.current) queue.current = new SaveQueue<T>(handlers);
  queue.current.setHandlers(handlers);
  useEffect(() => {
    mounted.current = true;
    const q = queue.current!;
    return () => {
      mounted.current = false;
      void q.flush().then(() => q.forget());
    };
  }, []);
  // A save the server keeps refusing (notes over the limit, say) must not
  // trap the user on the page: after it is tried again, they may choose to
  // leave without it.
  useLeaveGuard(async () => (await queue.current!.flush()) || window.confirm(`${what} was not saved. Leave anyway and lose the change?`));
  const q = queue.current;
  return { save: (r: Request<T>) => q.save(r), saveSoon: (r: Request<T>) => q.saveSoon(r), flush: () => q.flush(), saving, error };
}
