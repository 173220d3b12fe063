// The custom-lens JSON format, read client-side: GetLens answers only a
// lens's summary, so its pillars and questions come from the document
// ExportLens returns. Parsing never trusts the shape: a member of the wrong
// type is treated as missing, and every string is later rendered as text.
import type { PillarDifference } from '../../api/gen/types';

export interface DocLink {
  displayText?: string;
  url?: string;
}

export interface DocChoice {
  id: string;
  title: string;
  description?: string;
  helpfulResource?: DocLink;
  improvementPlan?: DocLink;
}

export interface DocQuestion {
  id: string;
  title: string;
  description?: string;
  helpfulResource?: DocLink;
  choices: DocChoice[];
  riskRules: { condition: string; risk: string }[];
}

export interface DocPillar {
  id: string;
  name: string;
  questions: DocQuestion[];
}

export interface LensDoc {
  name: string;
  description?: string;
  schemaVersion?: string;
  pillars: DocPillar[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const link = (v: unknown): DocLink | undefined => {
  const o = obj(v);
  const l = { displayText: str(o.displayText), url: str(o.url) };
  return l.displayText || l.url ? l : undefined;
};

/** parseLensDoc reads an exported lens; it throws when the text is not JSON. */
export function parseLensDoc(text: string): LensDoc {
  const d = obj(JSON.parse(text));
  return {
    name: str(d.name) ?? '',
    description: str(d.description),
    schemaVersion: str(d.schemaVersion),
    pillars: arr(d.pillars).map((p) => {
      const po = obj(p);
      return {
        id: str(po.id) ?? '',
        name: str(po.name) ?? '',
        questions: arr(po.questions).map((q) => {
          const qo = obj(q);
          return {
            id: str(qo.id) ?? '',
            title: str(qo.title) ?? '',
            description: str(qo.description),
            helpfulResource: link(qo.helpfulResource),
            choices: arr(qo.choices).map((c) => {
              const co = obj(c);
              return {
                id: str(co.id) ?? '',
                title: str(co.title) ?? '',
                description: str(co.description),
                helpfulResource: link(co.helpfulResource),
                improvementPlan: link(co.improvementPlan),
              };
            }),
            riskRules: arr(qo.riskRules).map((r) => ({ condition: str(obj(r).condition) ?? '', risk: str(obj(r).risk) ?? '' })),
          };
        }),
      };
    }),
  };
}

/** allNew is the difference of a first version: every pillar and question
 * is added. The API has no published version to compare a first draft with. */
export function allNew(doc: LensDoc): PillarDifference[] {
  return doc.pillars.map((p) => ({
    PillarId: p.id,
    PillarName: p.name,
    DifferenceStatus: 'NEW',
    QuestionDifferences: p.questions.map((q) => ({ QuestionId: q.id, QuestionTitle: q.title, DifferenceStatus: 'NEW' })),
  }));
}
