// The wire shapes the console reads, as the AWS Well-Architected API
// (restJson1) sends them: timestamps are epoch seconds.

export type Risk = 'UNANSWERED' | 'HIGH' | 'MEDIUM' | 'NONE' | 'NOT_APPLICABLE';
export type RiskCounts = Partial<Record<Risk, number>>;

export interface WorkloadSummary {
  WorkloadId: string;
  WorkloadArn: string;
  WorkloadName: string;
  Owner: string;
  UpdatedAt: number;
  Lenses?: string[];
  RiskCounts?: RiskCounts;
  ImprovementStatus?: string;
  Profiles?: { ProfileArn: string; ProfileVersion: string }[];
  PrioritizedRiskCounts?: RiskCounts;
}

export interface Workload extends WorkloadSummary {
  Description: string;
  Environment: 'PRODUCTION' | 'PREPRODUCTION';
  AccountIds?: string[];
  AwsRegions?: string[];
  NonAwsRegions?: string[];
  ArchitecturalDesign?: string;
  ReviewOwner?: string;
  IndustryType?: string;
  Industry?: string;
  Notes?: string;
  PillarPriorities?: string[];
  ShareInvitationId?: string;
  Tags?: Record<string, string>;
  Applications?: string[];
}

export interface PillarReviewSummary {
  PillarId: string;
  PillarName: string;
  Notes?: string;
  RiskCounts?: RiskCounts;
  PrioritizedRiskCounts?: RiskCounts;
}

export interface LensReview {
  LensAlias: string;
  LensArn: string;
  LensVersion: string;
  LensName: string;
  LensStatus: string;
  PillarReviewSummaries?: PillarReviewSummary[];
  UpdatedAt: number;
  Notes?: string;
  RiskCounts?: RiskCounts;
  PrioritizedRiskCounts?: RiskCounts;
  Profiles?: { ProfileArn: string; ProfileVersion: string }[];
  NextToken?: string;
}

export interface LensReviewSummary {
  LensAlias: string;
  LensArn: string;
  LensVersion: string;
  LensName: string;
  LensStatus: string;
  UpdatedAt: number;
  RiskCounts?: RiskCounts;
  PrioritizedRiskCounts?: RiskCounts;
}

export interface ChoiceContent {
  DisplayText?: string;
  Url?: string;
}

export interface Choice {
  ChoiceId: string;
  Title: string;
  Description?: string;
  HelpfulResource?: ChoiceContent;
  ImprovementPlan?: ChoiceContent;
  AdditionalResources?: { Type: string; Content?: ChoiceContent[] }[];
}

export type ChoiceStatus = 'SELECTED' | 'NOT_APPLICABLE' | 'UNSELECTED';
export type ChoiceReason = 'OUT_OF_SCOPE' | 'BUSINESS_PRIORITIES' | 'ARCHITECTURE_CONSTRAINTS' | 'OTHER' | 'NONE';
export type AnswerReason = ChoiceReason;

export interface ChoiceAnswer {
  ChoiceId: string;
  Status: ChoiceStatus;
  Reason?: ChoiceReason;
  Notes?: string;
}

export interface AnswerSummary {
  QuestionId: string;
  PillarId: string;
  QuestionTitle: string;
  Choices?: Choice[];
  SelectedChoices?: string[];
  ChoiceAnswerSummaries?: { ChoiceId: string; Status: ChoiceStatus; Reason?: ChoiceReason }[];
  IsApplicable?: boolean;
  Risk?: Risk;
  Reason?: AnswerReason;
  QuestionType?: 'PRIORITIZED' | 'NON_PRIORITIZED';
}

export interface Answer {
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
  Risk?: Risk;
  Notes?: string;
  Reason?: AnswerReason;
}

export interface ImprovementSummary {
  QuestionId: string;
  PillarId: string;
  QuestionTitle: string;
  Risk: Risk;
  ImprovementPlanUrl?: string;
  ImprovementPlans?: { ChoiceId: string; DisplayText: string; ImprovementPlanUrl?: string }[];
}

export interface MilestoneSummary {
  MilestoneNumber: number;
  MilestoneName: string;
  RecordedAt: number;
  WorkloadSummary?: WorkloadSummary;
}

export interface Milestone {
  MilestoneNumber: number;
  MilestoneName: string;
  RecordedAt: number;
  Workload: Workload;
}

export interface LensSummary {
  LensArn?: string;
  LensAlias?: string;
  LensName: string;
  LensType: 'AWS_OFFICIAL' | 'CUSTOM_SHARED' | 'CUSTOM_SELF';
  Description?: string;
  CreatedAt?: number;
  UpdatedAt?: number;
  LensVersion?: string;
  Owner?: string;
  LensStatus?: string;
}

export interface ShareInvitationSummary {
  ShareInvitationId: string;
  SharedBy: string;
  SharedWith: string;
  PermissionType?: string;
  ShareResourceType: string;
  WorkloadName?: string;
  WorkloadId?: string;
  LensName?: string;
  LensArn?: string;
  ProfileName?: string;
  ProfileArn?: string;
  TemplateName?: string;
  TemplateArn?: string;
}

export interface WorkloadShareSummary {
  ShareId: string;
  SharedWith: string;
  PermissionType: string;
  Status: string;
  StatusMessage?: string;
}

export interface NotificationSummary {
  Type: string;
  LensUpgradeSummary?: {
    WorkloadId: string;
    WorkloadName: string;
    LensAlias: string;
    LensArn: string;
    CurrentLensVersion: string;
    LatestLensVersion: string;
  };
}

export interface ProfileSummary {
  ProfileArn: string;
  ProfileVersion?: string;
  ProfileName: string;
  ProfileDescription?: string;
  Owner?: string;
  CreatedAt?: number;
  UpdatedAt?: number;
}

export interface ReviewTemplateSummary {
  TemplateArn: string;
  TemplateName: string;
  Description?: string;
  Lenses?: string[];
  Owner?: string;
  UpdatedAt?: number;
}

export interface SuggestedAnswer {
  QuestionId: string;
  PillarId: string;
  QuestionTitle: string;
  SelectedChoices: string[];
  Risk?: Risk;
  PassingChoices: string[];
  FailingChoices: string[];
  SuggestedChoices: string[];
  SuggestedNotes?: string;
  SuggestedRisk?: Risk;
  HasChanges?: boolean;
  ChangesNotes?: boolean;
  SkipReason?: string;
}

export interface CheckDetail {
  Id: string;
  Name: string;
  Description?: string;
  Provider?: string;
  LensArn?: string;
  PillarId?: string;
  QuestionId?: string;
  ChoiceId?: string;
  Status: 'OKAY' | 'WARNING' | 'ERROR' | 'NOT_AVAILABLE' | 'FETCH_FAILED';
  AccountId?: string;
  FlaggedResources?: number;
  Reason?: string;
  UpdatedAt?: number;
}
