// Help for the fields of the console's forms: what a field is for, the
// limits the API holds it to, and what wat does with it. Written in the
// lens texts' format (see HelpText), so one panel shows them all.
import type { HelpTopic } from './context';

const topic = (title: string, ...texts: string[]): HelpTopic => ({ title, sections: texts.map((text) => ({ text })) });
const limits = (...lines: string[]): string => 'Limits:\n' + lines.map((l) => '• ' + l).join('\n');

/** workloadHelp is the help of the Define workload (and Edit workload) form. */
export const workloadHelp = {
  name: topic(
    'Name',
    'The name people know the workload by. It heads the workload page and its reports, and it is what you search for in the workload list.',
    limits(
      '3 to 100 characters, at least 3 of them not spaces.',
      'Unique in the account. wat compares names ignoring case, spaces and invisible characters, so "Payments API" and "payments api" are the same name.',
    ),
    'You can rename a workload later: its ID, reviews and milestones stay as they are.',
  ),
  description: topic(
    'Description',
    'A sentence or two on what the workload does and who depends on it. Reviewers read it before they answer, and reports print it under the name.',
    limits('3 to 250 characters.'),
  ),
  reviewOwner: topic(
    'Review owner',
    'The person or team accountable for the review: who answers the questions, or sees that they are answered, and who follows up on the improvement plan.',
    'A name, an email address or a team alias all work. wat does not send anything to it; it is shown with the workload and in its reports.',
    limits('3 to 255 characters.'),
  ),
  environment: topic(
    'Environment',
    'Whether the review describes the production deployment of the workload or a pre-production one (test, staging).',
    'Review one environment per workload: define a second workload if the other environment is built differently. The environment is shown with the workload and in reports; it does not change the questions.',
  ),
  awsRegions: topic(
    'AWS Regions',
    'The AWS Regions the workload runs in. They tell reviewers how far the workload spreads, which matters for questions on resilience, data residency and latency.',
    limits('Up to 50 Regions.', 'At least one Region is needed: an AWS Region here, or a non-AWS Region below.'),
    'wat records them for context only; it does not connect to these Regions.',
  ),
  nonAwsRegions: topic(
    'Non-AWS Regions',
    'Places outside AWS where the workload also runs: an on-premises data centre, a colocation site or another cloud provider.',
    limits('Up to 5, separated by commas.', 'Each 3 to 25 characters; a name may contain spaces ("Frankfurt DC 2").'),
  ),
  accountIds: topic(
    'Account IDs',
    'The AWS accounts that hold the workload\'s resources, so that readers of a review or report know where to look.',
    limits('Each ID is 12 digits.', 'Up to 100 IDs, separated by commas or spaces.'),
  ),
  architecturalDesign: topic(
    'Architectural design',
    'A link to the architecture diagram or design document. Reviewers open it beside the questions; the console opens it in a new tab.',
    limits('An http:// or https:// address of at most 2,048 characters.', 'Optional.'),
  ),
  industryType: topic(
    'Industry type',
    'The industry the workload serves, chosen from the list the Well-Architected API defines. It gives reviewers context, for example on regulations that apply.',
    'Optional; shown with the workload and in reports.',
  ),
  industry: topic(
    'Industry',
    'The industry in your own words, when the industry type is too broad: "Retail banking", "Online grocery".',
    limits('Up to 100 characters.', 'Optional.'),
  ),
  application: topic(
    'Application',
    'The ARN of the AWS Service Catalog AppRegistry application the workload belongs to, if your organisation groups its resources that way.',
    'wat stores it and returns it through the API, so tools that group workloads by application keep working; it does not call AppRegistry.',
    limits('One ARN, of the form arn:aws:servicecatalog:<region>:<account>:/applications/<id>.', 'Optional.'),
  ),
  notes: topic(
    'Notes',
    'Anything a reviewer should know that has no field of its own: scope, known gaps, decisions already taken. Notes are kept with the workload and printed in its reports.',
    limits('Up to 2,084 characters.', 'When a review template is chosen and these notes are empty, the template\'s notes are used.'),
  ),
  lenses: topic(
    'Lenses',
    'The lenses the workload is reviewed against. A lens is a set of pillars and questions; each one you choose gets its own review, risks and improvement plan.',
    'The AWS Well-Architected Framework is chosen for you. Custom lenses appear in the list once they are published, including lenses others have shared with your account.',
    limits('1 to 20 lenses.'),
  ),
  profile: topic(
    'Profile',
    'A profile describes the business context of a kind of workload: its stage, its priorities, its constraints. From its answers wat marks the questions that matter most for that context as Prioritized; the review lists them first.',
    limits('At most one profile per workload.', 'When the profile is edited later, the workload is offered the new version.'),
  ),
  template: topic(
    'Review template',
    'A review template holds answers and notes prepared in advance, for example the answers every workload on a shared platform gives.',
    'Choosing one adds the template\'s lenses to the workload and copies its answers into the new reviews. From then on the workload\'s answers are its own: changing the template later does not change them.',
    limits('At most one template, and only when the workload is defined.'),
  ),
} satisfies Record<string, HelpTopic>;

/** profileHelp is the help of the profile form. */
export const profileHelp = {
  name: topic(
    'Profile name',
    'The name you pick the profile by when defining a workload, such as "Customer-facing, early stage".',
    limits('3 to 100 characters.', 'It cannot be changed once the profile is created.'),
  ),
  description: topic('Profile description', 'What kind of workload the profile is for, in a sentence.', limits('3 to 100 characters.')),
  questions: topic(
    'Profile questions',
    'Answer them for the kind of workload the profile describes. wat turns the answers into priorities: the questions that matter most for that business context are marked Prioritized in every review that uses the profile.',
    'Each question says how many choices it takes.',
  ),
} satisfies Record<string, HelpTopic>;

const templateCharacters = 'Letters, digits, spaces and - _ . , : / ( ) @ ! & ? # + \' only.';

/** templateHelp is the help of the review template form. */
export const templateHelp = {
  name: topic('Template name', 'The name you pick the template by when defining a workload.', limits('3 to 100 characters.', templateCharacters)),
  description: topic('Template description', 'What the template\'s answers cover and when to use it.', limits('3 to 250 characters.', templateCharacters)),
  lenses: topic(
    'Template lenses',
    'The lenses whose questions the template answers. Only published lenses can be chosen: a draft has no version to answer.',
    'A workload defined from the template gets these lenses, with the template\'s answers.',
    limits('1 to 10 lenses.'),
  ),
  notes: topic(
    'Template notes',
    'Notes for the workloads defined from the template. They become a workload\'s notes when the workload has none of its own.',
    limits('Up to 2,084 characters.'),
  ),
} satisfies Record<string, HelpTopic>;
