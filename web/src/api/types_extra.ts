// Wire shapes of the operations behind the lenses, profiles, templates,
// notifications and settings pages, as the AWS Well-Architected API
// (restJson1) sends them: timestamps are epoch seconds. The console-only
// shapes (users, audit) are wat's own and named in camelCase as the server
// sends them.
import type { AnswerReason, Choice, ChoiceAnswer, ChoiceStatus, ChoiceReason, ReviewTemplateSummary } from './types';

export type ShareStatus = 'ACCEPTED' | 'REJECTED' | 'PENDING' | 'REVOKED' | 'EXPIRED' | 'ASSOCIATING' | 'ASSOCIATED' | 'FAILED';

/** ShareSummary is a LensShareSummary, ProfileShareSummary or TemplateShareSummary: the same four members. */
export interface ShareSummary {
  ShareId: string;
  SharedWith: string;
  Status?: ShareStatus;
  StatusMessage?: string;
}

export interface Lens {
  LensArn?: string;
  LensVersion?: string;
  Name?: string;
  Description?: string;
  Owner?: string;
  ShareInvitationId?: string;
  Tags?: Record<string, string>;
}

export type DifferenceStatus = 'UPDATED' | 'NEW' | 'DELETED';

export interface QuestionDifference {
  QuestionId?: string;
  QuestionTitle?: string;
  DifferenceStatus?: DifferenceStatus;
}

export interface PillarDifference {
  PillarId?: string;
  PillarName?: string;
  DifferenceStatus?: DifferenceStatus;
  QuestionDifferences?: QuestionDifference[];
}

export interface LensVersionDifference {
  LensAlias?: string;
  LensArn?: string;
  BaseLensVersion?: string;
  TargetLensVersion?: string;
  LatestLensVersion?: string;
  VersionDifferences?: { PillarDifferences?: PillarDifference[] };
}

/** NotificationSummaryX is a NotificationSummary with the members the
 * shared types leave out: a notification is about a workload or a review
 * template (ResourceArn, ResourceName). */
export interface NotificationSummaryX {
  Type?: 'LENS_VERSION_UPGRADED' | 'LENS_VERSION_DEPRECATED' | string;
  LensUpgradeSummary?: {
    WorkloadId?: string;
    WorkloadName?: string;
    ResourceArn?: string;
    ResourceName?: string;
    LensAlias?: string;
    LensArn?: string;
    CurrentLensVersion?: string;
    LatestLensVersion?: string;
  };
}

export interface ProfileChoice {
  ChoiceId: string;
  ChoiceTitle?: string;
  ChoiceDescription?: string;
}

export interface ProfileTemplateQuestion {
  QuestionId: string;
  QuestionTitle?: string;
  QuestionDescription?: string;
  QuestionChoices?: ProfileChoice[];
  MinSelectedChoices?: number;
  MaxSelectedChoices?: number;
}

export interface ProfileQuestion extends ProfileTemplateQuestion {
  SelectedChoiceIds?: string[];
}

export interface ProfileTemplate {
  TemplateName?: string;
  TemplateQuestions?: ProfileTemplateQuestion[];
  CreatedAt?: number;
  UpdatedAt?: number;
}

export interface Profile {
  ProfileArn: string;
  ProfileVersion?: string;
  ProfileName: string;
  ProfileDescription?: string;
  ProfileQuestions?: ProfileQuestion[];
  Owner?: string;
  CreatedAt?: number;
  UpdatedAt?: number;
  ShareInvitationId?: string;
  Tags?: Record<string, string>;
}

export interface ProfileQuestionUpdate {
  QuestionId: string;
  SelectedChoiceIds: string[];
}

export type QuestionCounts = Partial<Record<'ANSWERED' | 'UNANSWERED', number>>;

export interface ReviewTemplate {
  TemplateArn: string;
  TemplateName: string;
  Description?: string;
  Lenses?: string[];
  Notes?: string;
  Owner?: string;
  QuestionCounts?: QuestionCounts;
  ShareInvitationId?: string;
  Tags?: Record<string, string>;
  UpdateStatus?: 'CURRENT' | 'LENS_NOT_CURRENT' | string;
  UpdatedAt?: number;
}

/** ReviewTemplateSummaryX adds what the shared type leaves out. */
export interface ReviewTemplateSummaryX extends ReviewTemplateSummary {
  UpdateStatus?: 'CURRENT' | 'LENS_NOT_CURRENT' | string;
}

export interface ReviewTemplateLensReview {
  LensAlias: string;
  LensArn?: string;
  LensName?: string;
  LensStatus?: string;
  LensVersion?: string;
  Notes?: string;
  PillarReviewSummaries?: { PillarId: string; PillarName: string; Notes?: string; QuestionCounts?: QuestionCounts }[];
  QuestionCounts?: QuestionCounts;
  UpdatedAt?: number;
}

export type AnswerStatus = 'ANSWERED' | 'UNANSWERED';

export interface ReviewTemplateAnswerSummary {
  QuestionId: string;
  PillarId: string;
  QuestionTitle: string;
  Choices?: Choice[];
  SelectedChoices?: string[];
  ChoiceAnswerSummaries?: { ChoiceId: string; Status: ChoiceStatus; Reason?: ChoiceReason }[];
  IsApplicable?: boolean;
  AnswerStatus?: AnswerStatus;
  Reason?: AnswerReason;
  QuestionType?: string;
}

export interface ReviewTemplateAnswer {
  QuestionId: string;
  PillarId: string;
  QuestionTitle: string;
  QuestionDescription?: string;
  ImprovementPlanUrl?: string;
  HelpfulResourceUrl?: string;
  HelpfulResourceDisplayText?: string;
  Choices?: Choice[];
  SelectedChoices?: string[];
  ChoiceAnswers?: ChoiceAnswer[];
  IsApplicable?: boolean;
  AnswerStatus?: AnswerStatus;
  Notes?: string;
  Reason?: AnswerReason;
}

export interface GlobalSettings {
  OrganizationSharingStatus?: 'ENABLED' | 'DISABLED';
  DiscoveryIntegrationStatus?: 'ENABLED' | 'DISABLED';
}

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
