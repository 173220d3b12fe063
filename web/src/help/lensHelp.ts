// Help topics from a lens's own texts, as the API returns them with an
// answer (GetAnswer, GetReviewTemplateAnswer): the same for the built-in
// framework lens and custom lenses.
import type { Choice } from '../api/gen/types';
import { blocks } from './HelpText';
import type { HelpTopic } from './context';

/** The fields of an answer the question's help needs. */
export interface QuestionTexts {
  QuestionTitle?: string;
  QuestionDescription?: string;
  HelpfulResourceDisplayText?: string;
  HelpfulResourceUrl?: string;
  ImprovementPlanUrl?: string;
}

/** questionTopic is a question's help: its description, its helpful
 * resource and their links. */
export function questionTopic(q: QuestionTexts): HelpTopic {
  return {
    title: q.QuestionTitle ?? '',
    sections: [
      { text: q.QuestionDescription },
      { heading: headed(q.HelpfulResourceDisplayText) ? undefined : 'Helpful resource', text: q.HelpfulResourceDisplayText },
    ],
    links: distinct([
      { text: 'Learn more', url: q.HelpfulResourceUrl },
      { text: 'Improvement plan', url: q.ImprovementPlanUrl },
    ]),
  };
}

/** practiceTopic is a best practice's help: its description, its helpful
 * resource (for the framework: what good looks like, the anti-patterns and
 * the effort), its improvement plan and their links. */
export function practiceTopic(c: Choice): HelpTopic {
  const more = (c.AdditionalResources ?? []).flatMap((r) => r.Content ?? []);
  return {
    title: c.Title ?? '',
    sections: [
      { text: c.Description },
      { heading: headed(c.HelpfulResource?.DisplayText) ? undefined : 'Helpful resource', text: c.HelpfulResource?.DisplayText },
      { heading: 'Improvement plan', text: c.ImprovementPlan?.DisplayText },
    ],
    links: distinct([
      { text: 'Learn more', url: c.HelpfulResource?.Url },
      { text: 'Improvement plan', url: c.ImprovementPlan?.Url },
      ...more.map((r) => ({ text: r.DisplayText || 'Additional resource', url: r.Url })),
    ]),
  };
}

/** headed tells whether a text opens with a heading of its own ("What good
 * looks like:"), which then needs none from the panel. */
function headed(text?: string): boolean {
  return text ? blocks(text)[0]?.kind === 'h' : false;
}

/** distinct drops links without a URL and repeats of a URL (the framework
 * gives a practice the same page as resource and as plan). */
function distinct(links: { text: string; url?: string }[]) {
  const seen = new Set<string>();
  return links.filter((l) => {
    if (!l.url || seen.has(l.url)) return false;
    seen.add(l.url);
    return true;
  });
}
