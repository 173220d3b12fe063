// The console's client of wat's AWS-compatible API: the same paths and JSON
// as the AWS SDKs send (restJson1), authenticated by the session cookie and
// the session's CSRF token instead of a SigV4 signature. This is the
// hand-written transport; the typed operations (gen/ops.ts) and shapes
// (gen/types.ts) over it are generated from the models under spec/.

export interface Session {
  accountId: string;
  userName: string;
  userArn: string;
  isAdmin: boolean;
  csrfToken: string;
  expiresAt: string;
}

/** ApiError is an error answered by the server, in AWS's error shape. */
export class ApiError extends Error {
  status: number;
  type: string;
  fields: { Name?: string; Message?: string }[];
  constructor(status: number, type: string, message: string, fields: { Name?: string; Message?: string }[] = []) {
    super(message);
    this.status = status;
    this.type = type;
    this.fields = fields;
  }
}

let csrfToken = '';
let onSignedOut: () => void = () => {};

/** setSession makes later calls carry the session's CSRF token. */
export function setSession(s: Session | null) {
  csrfToken = s ? s.csrfToken : '';
}

/** whenSignedOut registers what to do when the server no longer knows the session. */
export function whenSignedOut(f: () => void) {
  onSignedOut = f;
}

export type Query = Record<string, string | number | boolean | string[] | undefined | null>;

function queryString(q?: Query): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
    else p.append(k, String(v));
  }
  const s = p.toString();
  return s ? '?' + s : '';
}

/** seg percent-encodes one path label (ARNs hold "/" and ":"). */
export function seg(s: string | number): string {
  return encodeURIComponent(s);
}

/** CallOptions are what a caller may ask of one request beyond its input.
 * keepalive lets the request finish after the page is closed (bodies of at
 * most 64 KiB, all such requests in flight together). */
export interface CallOptions {
  keepalive?: boolean;
}

/** call sends one API request and returns its decoded JSON body. */
export async function call<T>(method: string, path: string, req: { query?: Query; body?: unknown }, opts: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { 'X-CSRF-Token': csrfToken };
  let body: string | undefined;
  if (req.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  const res = await fetch(path + queryString(req.query), { method, headers, body, credentials: 'same-origin', keepalive: opts.keepalive });
  const text = await res.text();
  let data: any = {};
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { Message: text };
    }
  }
  if (!res.ok) {
    const type = (res.headers.get('X-Amzn-ErrorType') || data.__type || '').split(':')[0];
    const err = new ApiError(res.status, type, data.Message || data.message || res.statusText, data.Fields || []);
    if (res.status === 401 || (res.status === 403 && type === 'UnrecognizedClientException')) onSignedOut();
    throw err;
  }
  return data as T;
}

/** clientToken returns a fresh idempotency token. */
export function clientToken(): string {
  return crypto.randomUUID();
}

async function sessionCall<T = Session>(method: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'X-CSRF-Token': csrfToken };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch('/console/api/session', {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, '', data.message || res.statusText);
  return data as T;
}

/** currentSession is the browser's session, or null when it has none: the
 * server answers 200 {"signedIn": false} then (a 401 from an older server
 * means the same), so that loading the sign-in page logs no failed request. */
async function currentSession(): Promise<Session | null> {
  try {
    const s = await sessionCall('GET');
    return (s as Session & { signedIn?: boolean }).signedIn === false ? null : s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** SignOutResult is what signing out answers: for a session of single
 * sign-on whose provider can sign out too, where to send the browser. */
export interface SignOutResult {
  signOutUrl?: string;
}

export const session = {
  get: currentSession,
  signIn: (accountId: string, userName: string, password: string) => sessionCall('POST', { accountId, userName, password }),
  signOut: async (): Promise<SignOutResult> => (await sessionCall<SignOutResult | undefined>('DELETE')) ?? {},
};

/** ConsoleConfig is what the sign-in page offers: passwords, single
 * sign-on, or both (GET /console/api/config, which needs no session). */
export interface ConsoleConfig {
  passwords: boolean;
  sso?: { name: string; signInUrl: string };
}

/** consoleConfig reads the sign-in options. */
export function consoleConfig(): Promise<ConsoleConfig> {
  return consoleGet<ConsoleConfig>('config');
}

/** consoleGet reads one of the console-only endpoints. */
export async function consoleGet<T>(path: string, query?: Query): Promise<T> {
  const res = await fetch('/console/api/' + path + queryString(query), {
    headers: { 'X-CSRF-Token': csrfToken },
    credentials: 'same-origin',
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, '', data.message || res.statusText);
  return data as T;
}
