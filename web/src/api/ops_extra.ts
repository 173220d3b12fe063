// Typed calls of the operations behind the custom lenses, profiles, review
// templates, notifications and settings pages; each is the AWS operation of
// the same name. Every path label goes through seg(): lens aliases, profile
// and template ARNs hold ":" and "/".
import { call, clientToken, consoleGet, seg } from './client';
import type { ChoiceAnswer, LensSummary, ProfileSummary } from './types';
import type {
  AuditEvent,
  ConsoleUser,
  GlobalSettings,
  Lens,
  LensVersionDifference,
  NotificationSummaryX,
  Profile,
  ProfileQuestionUpdate,
  ProfileTemplate,
  ReviewTemplate,
  ReviewTemplateAnswer,
  ReviewTemplateAnswerSummary,
  ReviewTemplateLensReview,
  ReviewTemplateSummaryX,
  ShareSummary,
} from './types_extra';

const lens = (alias: string) => '/lenses/' + seg(alias);
const profile = (arn: string) => '/profiles/' + seg(arn);
const template = (arn: string) => '/reviewTemplates/' + seg(arn);
const templateLens = (arn: string, alias: string) => template(arn) + '/lensReviews/' + seg(alias);
const templateShares = (arn: string) => '/templates/shares/' + seg(arn);

export type LensStatusType = 'ALL' | 'DRAFT' | 'PUBLISHED';

export const wx = {
  // Custom lenses.
  listLenses: (q: { LensType?: string; LensStatus?: LensStatusType; NextToken?: string }) =>
    call<{ LensSummaries?: LensSummary[]; NextToken?: string }>('GET', '/lenses', { query: { ...q, MaxResults: 50 } }),
  getLens: (alias: string, LensVersion?: string) => call<{ Lens: Lens }>('GET', lens(alias), { query: { LensVersion } }),
  importLens: (JSONString: string, LensAlias?: string) =>
    call<{ LensArn?: string; Status?: string }>('PUT', '/importLens', {
      body: { JSONString, LensAlias: LensAlias || undefined, ClientRequestToken: clientToken() },
    }),
  exportLens: (alias: string, LensVersion?: string) => call<{ LensJSON?: string }>('GET', lens(alias) + '/export', { query: { LensVersion } }),
  lensVersionDifference: (alias: string, BaseLensVersion?: string, TargetLensVersion?: string) =>
    call<LensVersionDifference>('GET', lens(alias) + '/versionDifference', { query: { BaseLensVersion, TargetLensVersion } }),
  createLensVersion: (alias: string, LensVersion: string, IsMajorVersion: boolean) =>
    call<{ LensArn?: string; LensVersion?: string }>('POST', lens(alias) + '/versions', {
      body: { LensVersion, IsMajorVersion, ClientRequestToken: clientToken() },
    }),
  deleteLens: (alias: string, LensStatus: LensStatusType) =>
    call<unknown>('DELETE', lens(alias), { query: { LensStatus, ClientRequestToken: clientToken() } }),
  listLensShares: (alias: string, NextToken?: string) =>
    call<{ LensShareSummaries?: ShareSummary[]; NextToken?: string }>('GET', lens(alias) + '/shares', { query: { NextToken, MaxResults: 50 } }),
  createLensShare: (alias: string, SharedWith: string) =>
    call<{ ShareId?: string }>('POST', lens(alias) + '/shares', { body: { SharedWith, ClientRequestToken: clientToken() } }),
  deleteLensShare: (alias: string, shareId: string) =>
    call<unknown>('DELETE', lens(alias) + '/shares/' + seg(shareId), { query: { ClientRequestToken: clientToken() } }),

  // Notifications and upgrades.
  listNotifications: (NextToken?: string) =>
    call<{ NotificationSummaries?: NotificationSummaryX[]; NextToken?: string }>('POST', '/notifications', { body: { NextToken, MaxResults: 50 } }),
  upgradeLensReview: (workloadId: string, alias: string, MilestoneName: string) =>
    call<unknown>('PUT', '/workloads/' + seg(workloadId) + '/lensReviews/' + seg(alias) + '/upgrade', {
      body: { MilestoneName, ClientRequestToken: clientToken() },
    }),
  upgradeReviewTemplateLensReview: (arn: string, alias: string) =>
    call<unknown>('PUT', templateLens(arn, alias) + '/upgrade', { body: { ClientRequestToken: clientToken() } }),

  // Profiles.
  listProfiles: (ProfileOwnerType: 'SELF' | 'SHARED', NextToken?: string) =>
    call<{ ProfileSummaries?: ProfileSummary[]; NextToken?: string }>('GET', '/profileSummaries', {
      query: { ProfileOwnerType, NextToken, MaxResults: 50 },
    }),
  getProfileTemplate: () => call<{ ProfileTemplate: ProfileTemplate }>('GET', '/profileTemplate'),
  getProfile: (arn: string) => call<{ Profile: Profile }>('GET', profile(arn)),
  createProfile: (ProfileName: string, ProfileDescription: string, ProfileQuestions: ProfileQuestionUpdate[]) =>
    call<{ ProfileArn: string; ProfileVersion?: string }>('POST', '/profiles', {
      body: { ProfileName, ProfileDescription, ProfileQuestions, ClientRequestToken: clientToken() },
    }),
  updateProfile: (arn: string, ProfileDescription: string, ProfileQuestions: ProfileQuestionUpdate[]) =>
    call<{ Profile: Profile }>('PATCH', profile(arn), { body: { ProfileDescription, ProfileQuestions } }),
  deleteProfile: (arn: string) => call<unknown>('DELETE', profile(arn), { query: { ClientRequestToken: clientToken() } }),
  listProfileShares: (arn: string, NextToken?: string) =>
    call<{ ProfileShareSummaries?: ShareSummary[]; NextToken?: string }>('GET', profile(arn) + '/shares', { query: { NextToken, MaxResults: 50 } }),
  createProfileShare: (arn: string, SharedWith: string) =>
    call<{ ShareId?: string }>('POST', profile(arn) + '/shares', { body: { SharedWith, ClientRequestToken: clientToken() } }),
  deleteProfileShare: (arn: string, shareId: string) =>
    call<unknown>('DELETE', profile(arn) + '/shares/' + seg(shareId), { query: { ClientRequestToken: clientToken() } }),

  // Review templates.
  listReviewTemplates: (NextToken?: string) =>
    call<{ ReviewTemplates?: ReviewTemplateSummaryX[]; NextToken?: string }>('GET', '/reviewTemplates', { query: { NextToken, MaxResults: 50 } }),
  getReviewTemplate: (arn: string) => call<{ ReviewTemplate: ReviewTemplate }>('GET', template(arn)),
  createReviewTemplate: (input: { TemplateName: string; Description: string; Lenses: string[]; Notes?: string }) =>
    call<{ TemplateArn: string }>('POST', '/reviewTemplates', { body: { ...input, Notes: input.Notes || undefined, ClientRequestToken: clientToken() } }),
  updateReviewTemplate: (arn: string, input: { TemplateName?: string; Description?: string; Notes?: string; LensesToAssociate?: string[]; LensesToDisassociate?: string[] }) =>
    call<{ ReviewTemplate: ReviewTemplate }>('PATCH', template(arn), { body: input }),
  deleteReviewTemplate: (arn: string) => call<unknown>('DELETE', template(arn), { query: { ClientRequestToken: clientToken() } }),
  getReviewTemplateLensReview: (arn: string, alias: string) =>
    call<{ LensReview: ReviewTemplateLensReview; TemplateArn?: string }>('GET', templateLens(arn, alias)),
  listReviewTemplateAnswers: (arn: string, alias: string, NextToken?: string) =>
    call<{ AnswerSummaries?: ReviewTemplateAnswerSummary[]; NextToken?: string }>('GET', templateLens(arn, alias) + '/answers', {
      query: { NextToken, MaxResults: 50 },
    }),
  getReviewTemplateAnswer: (arn: string, alias: string, question: string) =>
    call<{ Answer: ReviewTemplateAnswer }>('GET', templateLens(arn, alias) + '/answers/' + seg(question)),
  // keepalive, as UpdateAnswer: a save as the tab closes must arrive.
  updateReviewTemplateAnswer: (
    arn: string,
    alias: string,
    question: string,
    body: { SelectedChoices?: string[]; ChoiceUpdates?: Record<string, Omit<ChoiceAnswer, 'ChoiceId'>>; Notes?: string; IsApplicable?: boolean; Reason?: string },
  ) => call<{ Answer: ReviewTemplateAnswer }>('PATCH', templateLens(arn, alias) + '/answers/' + seg(question), { body, keepalive: true }),
  listTemplateShares: (arn: string, NextToken?: string) =>
    call<{ TemplateShareSummaries?: ShareSummary[]; NextToken?: string }>('GET', templateShares(arn), { query: { NextToken, MaxResults: 50 } }),
  createTemplateShare: (arn: string, SharedWith: string) =>
    call<{ ShareId?: string }>('POST', templateShares(arn), { body: { SharedWith, ClientRequestToken: clientToken() } }),
  deleteTemplateShare: (arn: string, shareId: string) =>
    call<unknown>('DELETE', templateShares(arn) + '/' + seg(shareId), { query: { ClientRequestToken: clientToken() } }),

  // Settings.
  getGlobalSettings: () => call<GlobalSettings>('GET', '/global-settings'),
  updateGlobalSettings: (s: GlobalSettings) => call<unknown>('PATCH', '/global-settings', { body: s }),
  consoleUsers: () => consoleGet<{ users?: ConsoleUser[] }>('users'),
  consoleAudit: (maxResults: number, nextToken?: string) =>
    consoleGet<{ events?: AuditEvent[]; nextToken?: string }>('audit', { maxResults, nextToken }),
};
