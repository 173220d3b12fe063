// Help for the lens catalog pages, in the lens texts' format (see HelpText).
import type { HelpTopic } from './context';

/** catalogHelp explains what the catalog is, what installing does and the
 * licence the lenses come under. */
export const catalogHelp: HelpTopic = {
  title: 'Lens catalog',
  sections: [
    {
      text:
        'The catalog lists ready-made custom lenses for particular services and practices: DynamoDB, ECS, analytics, SaaS and more. Browse them, read their pillars and questions, and install the ones that fit your workloads.',
    },
    {
      heading: 'Installing',
      text: [
        '• Installing makes the entry a published custom lens of your account; it then appears under Custom lenses.',
        '• Installing again changes nothing. When this wat carries a newer version of an entry, Upgrade publishes it as a new version of the same lens, and workloads keep the version they review until they upgrade.',
        '• Apply the lens to a workload to review the workload against it.',
      ].join('\n'),
    },
    {
      heading: 'Source and licence',
      text:
        'Most entries are lenses published by AWS specialists and partners in a public repository under the MIT No Attribution licence (MIT-0), which lets you use, change and share them without attribution. Each entry names its repository, commit and file. Where a published file did not pass the lens format, the entry lists the smallest change made and why.',
    },
  ],
  links: [
    { text: 'Custom lenses in the AWS Well-Architected Tool', url: 'https://docs.aws.amazon.com/wellarchitected/latest/userguide/lenses-custom.html' },
    { text: 'The MIT No Attribution licence', url: 'https://spdx.org/licenses/MIT-0.html' },
  ],
};
