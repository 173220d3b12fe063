// Typed calls of the Well-Architected operations the console uses; each is
// the operation of the same name in the AWS API.
import { call, clientToken, seg } from './client';
import type {
  Answer,
  AnswerSummary,
  ChoiceAnswer,
  ImprovementSummary,
  LensReview,
  LensReviewSummary,
  LensSummary,
  Milestone,
  MilestoneSummary,
  NotificationSummary,
  ProfileSummary,
  SuggestedAnswer,
  CheckDetail,
  ReviewTemplateSummary,
  ShareInvitationSummary,
  Workload,
  WorkloadShareSummary,
  WorkloadSummary,
} from './types';

const wl = (id: string) => '/workloads/' + seg(id);
const lr = (id: string, lens: string) => wl(id) + '/lensReviews/' + seg(lens);

/** pages calls a paginated list until it ends, gathering the key's items. */
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

export const wa = {
  listWorkloads: (prefix?: string, NextToken?: string) =>
    call<{ WorkloadSummaries?: WorkloadSummary[]; NextToken?: string }>('POST', '/workloadsSummaries', {
      body: { WorkloadNamePrefix: prefix || undefined, NextToken, MaxResults: 50 },
    }),
  getWorkload: (id: string) => call<{ Workload: Workload }>('GET', wl(id)),
  createWorkload: (input: Partial<Workload> & { ProfileArns?: string[]; ReviewTemplateArns?: string[] }) =>
    call<{ WorkloadId: string; WorkloadArn: string }>('POST', '/workloads', {
      body: { ...input, ClientRequestToken: clientToken() },
    }),
  updateWorkload: (id: string, input: Record<string, unknown>) => call<{ Workload: Workload }>('PATCH', wl(id), { body: input }),
  deleteWorkload: (id: string) =>
    call<unknown>('DELETE', wl(id), { query: { ClientRequestToken: clientToken() } }),
  associateLenses: (id: string, LensAliases: string[]) =>
    call<unknown>('PATCH', wl(id) + '/associateLenses', { body: { LensAliases } }),
  disassociateLenses: (id: string, LensAliases: string[]) =>
    call<unknown>('PATCH', wl(id) + '/disassociateLenses', { body: { LensAliases } }),

  listLensReviews: (id: string, MilestoneNumber?: number) =>
    call<{ LensReviewSummaries?: LensReviewSummary[]; NextToken?: string }>('GET', wl(id) + '/lensReviews', {
      query: { MilestoneNumber, MaxResults: 50 },
    }),
  getLensReview: (id: string, lens: string, MilestoneNumber?: number) =>
    call<{ WorkloadId: string; MilestoneNumber?: number; LensReview: LensReview }>('GET', lr(id, lens), {
      query: { MilestoneNumber },
    }),
  updateLensReview: (id: string, lens: string, LensNotes: string) =>
    call<{ LensReview: LensReview }>('PATCH', lr(id, lens), { body: { LensNotes } }),
  listAnswers: (id: string, lens: string, q: { PillarId?: string; MilestoneNumber?: number; QuestionPriority?: string; NextToken?: string }) =>
    call<{ AnswerSummaries?: AnswerSummary[]; NextToken?: string; LensArn?: string }>('GET', lr(id, lens) + '/answers', {
      query: { ...q, MaxResults: 50 },
    }),
  getAnswer: (id: string, lens: string, question: string, MilestoneNumber?: number) =>
    call<{ Answer: Answer; LensArn: string }>('GET', lr(id, lens) + '/answers/' + seg(question), { query: { MilestoneNumber } }),
  // keepalive: an answer saved as the tab closes must still arrive; its
  // body (notes of at most 2084 characters) is far below the limit.
  updateAnswer: (
    id: string,
    lens: string,
    question: string,
    body: {
      SelectedChoices?: string[];
      ChoiceUpdates?: Record<string, Omit<ChoiceAnswer, 'ChoiceId'>>;
      Notes?: string;
      IsApplicable?: boolean;
      Reason?: string;
    },
  ) => call<{ Answer: Answer }>('PATCH', lr(id, lens) + '/answers/' + seg(question), { body, keepalive: true }),
  listImprovements: (id: string, lens: string, q: { PillarId?: string; MilestoneNumber?: number; NextToken?: string }) =>
    call<{ ImprovementSummaries?: ImprovementSummary[]; NextToken?: string }>('GET', lr(id, lens) + '/improvements', {
      query: { ...q, MaxResults: 100 },
    }),
  getLensReviewReport: (id: string, lens: string, MilestoneNumber?: number) =>
    call<{ LensReviewReport: { Base64String?: string; LensAlias?: string } }>('GET', lr(id, lens) + '/report', {
      query: { MilestoneNumber },
    }),
  // wat's own export of the same report as HTML, Markdown, CSV or XLSX.
  getLensReviewExport: (id: string, lens: string, Format: 'HTML' | 'MARKDOWN' | 'CSV' | 'XLSX', MilestoneNumber?: number) =>
    call<{ Base64String: string; ContentType: string; FileName: string }>('GET', lr(id, lens) + '/export', { query: { Format, MilestoneNumber } }),
  getConsolidatedReportPDF: (IncludeSharedResources: boolean) =>
    call<{ Base64String?: string }>('GET', '/consolidatedReport', { query: { Format: 'PDF', IncludeSharedResources } }),
  upgradeLensReview: (id: string, lens: string, MilestoneName: string) =>
    call<unknown>('PUT', lr(id, lens) + '/upgrade', { body: { MilestoneName, ClientRequestToken: clientToken() } }),

  createMilestone: (id: string, MilestoneName: string) =>
    call<{ MilestoneNumber: number }>('POST', wl(id) + '/milestones', { body: { MilestoneName, ClientRequestToken: clientToken() } }),
  listMilestones: (id: string, NextToken?: string) =>
    call<{ MilestoneSummaries?: MilestoneSummary[]; NextToken?: string }>('POST', wl(id) + '/milestonesSummaries', {
      body: { NextToken, MaxResults: 50 },
    }),
  getMilestone: (id: string, n: number) => call<{ Milestone: Milestone }>('GET', wl(id) + '/milestones/' + n),

  listLenses: (q: { LensType?: string; LensStatus?: string; NextToken?: string } = {}) =>
    call<{ LensSummaries?: LensSummary[]; NextToken?: string }>('GET', '/lenses', { query: { ...q, MaxResults: 50 } }),

  listWorkloadShares: (id: string) =>
    call<{ WorkloadShareSummaries?: WorkloadShareSummary[]; NextToken?: string }>('GET', wl(id) + '/shares', {
      query: { MaxResults: 50 },
    }),
  createWorkloadShare: (id: string, SharedWith: string, PermissionType: string) =>
    call<{ ShareId: string }>('POST', wl(id) + '/shares', { body: { SharedWith, PermissionType, ClientRequestToken: clientToken() } }),
  deleteWorkloadShare: (id: string, shareId: string) =>
    call<unknown>('DELETE', wl(id) + '/shares/' + seg(shareId), { query: { ClientRequestToken: clientToken() } }),
  listShareInvitations: () =>
    call<{ ShareInvitationSummaries?: ShareInvitationSummary[]; NextToken?: string }>('GET', '/shareInvitations', {
      query: { MaxResults: 50 },
    }),
  updateShareInvitation: (idv: string, ShareInvitationAction: 'ACCEPT' | 'REJECT') =>
    call<unknown>('PATCH', '/shareInvitations/' + seg(idv), { body: { ShareInvitationAction } }),
  listNotifications: (WorkloadId?: string) =>
    call<{ NotificationSummaries?: NotificationSummary[]; NextToken?: string }>('POST', '/notifications', {
      body: { WorkloadId, MaxResults: 50 },
    }),

  listProfiles: (ProfileOwnerType?: 'SELF' | 'SHARED') =>
    call<{ ProfileSummaries?: ProfileSummary[]; NextToken?: string }>('GET', '/profileSummaries', {
      query: { ProfileOwnerType, MaxResults: 50 },
    }),
  associateProfiles: (id: string, ProfileArns: string[]) =>
    call<unknown>('PATCH', wl(id) + '/associateProfiles', { body: { ProfileArns } }),
  disassociateProfiles: (id: string, ProfileArns: string[]) =>
    call<unknown>('PATCH', wl(id) + '/disassociateProfiles', { body: { ProfileArns } }),
  listReviewTemplates: () =>
    call<{ ReviewTemplates?: ReviewTemplateSummary[]; NextToken?: string }>('GET', '/reviewTemplates', { query: { MaxResults: 50 } }),

  // Evidence from `wat scan --workload` (wat's own operation) and the checks
  // of the AWS API over it.
  getSuggestedAnswers: (id: string, lens: string) =>
    call<{ EvidenceUpdatedAt?: number; LensArn?: string; SuggestedAnswers: SuggestedAnswer[] }>('GET', lr(id, lens) + '/suggestedAnswers'),
  applySuggestedAnswers: (id: string, lens: string, QuestionIds?: string[]) =>
    call<{ AppliedAnswers: SuggestedAnswer[] }>('POST', lr(id, lens) + '/suggestedAnswers', { body: { QuestionIds } }),
  listCheckDetails: (id: string, q: { LensArn: string; PillarId: string; QuestionId: string; ChoiceId: string; NextToken?: string }) =>
    call<{ CheckDetails?: CheckDetail[]; NextToken?: string }>('POST', wl(id) + '/checks', { body: { ...q, MaxResults: 50 } }),

  tagResource: (arn: string, Tags: Record<string, string>) => call<unknown>('POST', '/tags/' + seg(arn), { body: { Tags } }),
  untagResource: (arn: string, keys: string[]) => call<unknown>('DELETE', '/tags/' + seg(arn), { query: { tagKeys: keys } }),
};
