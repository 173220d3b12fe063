// The console's own reads under /console/api: its users and the audit log.
// They are not operations of the AWS API, so no model under spec/ has them;
// the server (api/console*.go) names their members in camelCase.
import { consoleGet } from './client';

/** ConsoleUser is one user of GET /console/api/users. */
export interface ConsoleUser {
  userName: string;
  userArn: string;
  isAdmin: boolean;
  createdAt: string;
  hasPassword: boolean;
  accessKeys: { accessKeyId: string; active: boolean; createdAt: string }[];
}

/** AuditEvent is one event of GET /console/api/audit, in CloudTrail's shape. */
export interface AuditEvent {
  eventVersion?: string;
  eventTime?: string;
  eventSource?: string;
  eventName?: string;
  awsRegion?: string;
  userIdentity?: { type?: string; principalId?: string; arn?: string; accountId?: string; accessKeyId?: string; userName?: string };
  sourceIPAddress?: string;
  userAgent?: string;
  requestParameters?: unknown;
  responseElements?: unknown;
  requestID?: string;
  eventID?: string;
  readOnly?: boolean;
  eventType?: string;
  errorCode?: string;
  errorMessage?: string;
}

/** consoleUsers lists the account's users, for the settings page. */
export function consoleUsers() {
  return consoleGet<{ users?: ConsoleUser[] }>('users');
}

/** consoleAudit reads one page of the account's audit log, newest first. */
export function consoleAudit(maxResults: number, nextToken?: string) {
  return consoleGet<{ events?: AuditEvent[]; nextToken?: string }>('audit', { maxResults, nextToken });
}
