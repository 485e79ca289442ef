import type { Role } from '../domain/roles';
import { resolvePaths, type PathView } from './path-view';
import type {
  BusinessGoal,
  Consideration,
  ContentPack,
  PulseTemplate,
  Question,
  RatingScale,
  ReadinessStage,
  Section,
} from './types';

/** A question with where it sits: its section and consideration, and its 1-based position in the section. */
export interface QuestionRef {
  question: Question;
  section: Section;
  consideration: Consideration;
  indexInSection: number;
  sectionTotal: number;
}

// Means are running averages of integers; a hair of tolerance keeps a mean that should sit exactly on a threshold in the higher stage.
const STAGE_TOLERANCE = 1e-9;

/** Read-only lookups over a validated content pack, for the dialogs and summaries. */
export class ContentIndex {
  readonly sections: readonly Section[];
  private readonly ordered: readonly QuestionRef[];
  private readonly bySection = new Map<string, readonly QuestionRef[]>();
  private readonly byQuestion = new Map<string, QuestionRef>();
  /** The ways through the questionnaire (one of every question when the pack defines none). */
  readonly paths: readonly PathView[];
  private readonly defaults: Readonly<Record<Role, PathView>>;

  constructor(readonly pack: ContentPack) {
    this.sections = pack.sections;
    for (const section of pack.sections) {
      const pairs = section.considerations.flatMap((consideration) =>
        consideration.questions.map((question) => ({ question, consideration })),
      );
      const refs = pairs.map(({ question, consideration }, i): QuestionRef => ({
        question,
        section,
        consideration,
        indexInSection: i + 1,
        sectionTotal: pairs.length,
      }));
      this.bySection.set(section.id, refs);
      for (const ref of refs) this.byQuestion.set(ref.question.id, ref);
    }
    this.ordered = pack.sections.flatMap((section) => this.bySection.get(section.id) ?? []);
    ({ paths: this.paths, defaults: this.defaults } = resolvePaths(
      pack.paths,
      this.ordered.map(({ question }) => question.id),
    ));
  }

  /** The path with this id, if any. */
  path(pathId: string | undefined): PathView | undefined {
    return this.paths.find((path) => path.id === pathId);
  }

  /** The path someone walks: the one they chose when the pack still has it, else the one their group starts on. */
  pathFor(chosen: string | undefined, role: Role): PathView {
    return this.path(chosen) ?? this.defaults[role];
  }

  /** The first question in questionnaire order among these answered ones (the person's participation anchor). */
  firstAnswered(answered: Readonly<Record<string, unknown>>): string | undefined {
    return this.ordered.find(({ question }) => answered[question.id] !== undefined)?.question.id;
  }

  /** The questions of a section a path asks, numbered within the path ("2 of 4"). */
  questionsOnPath(sectionId: string, path: PathView): QuestionRef[] {
    const asked = this.questionsOf(sectionId).filter(({ question }) => path.questionIds.has(question.id));
    return asked.map((ref, i) => ({ ...ref, indexInSection: i + 1, sectionTotal: asked.length }));
  }

  /** The section with this id, if any. */
  section(sectionId: string): Section | undefined {
    return this.sections.find((section) => section.id === sectionId);
  }

  /**
   * The recommendation a summary can give under this id: a consideration's, or a section's (the weakest section's
   * fallback); undefined for any other id.
   */
  recommendation(id: string): string | undefined {
    for (const section of this.sections) {
      if (section.id === id) return section.recommendation;
      const consideration = section.considerations.find((candidate) => candidate.id === id);
      if (consideration) return consideration.recommendation;
    }
    return undefined;
  }

  /** The questions of a section in order (empty for an unknown section). */
  questionsOf(sectionId: string): QuestionRef[] {
    return [...(this.bySection.get(sectionId) ?? [])];
  }

  /** The question with this id and where it sits, if any. */
  find(questionId: string): QuestionRef | undefined {
    return this.byQuestion.get(questionId);
  }

  /** Every question of the pack in questionnaire order. */
  allQuestions(): QuestionRef[] {
    return [...this.ordered];
  }

  /** The readiness stage for a mean rating: the last stage whose minMean it reaches (the first stage below that). */
  stageFor(mean: number): ReadinessStage {
    if (!Number.isFinite(mean)) throw new RangeError(`A readiness mean must be a finite number, not ${mean}`);
    const stages = this.pack.stages;
    const reached = stages.filter((stage) => mean + STAGE_TOLERANCE >= stage.minMean);
    const stage = reached.at(-1) ?? stages[0];
    if (stage === undefined) throw new RangeError(`Content pack ${this.pack.id} defines no readiness stages`);
    return stage;
  }

  /** The rating scale with this id, if any. */
  scale(scaleId: string): RatingScale | undefined {
    return Object.hasOwn(this.pack.scales, scaleId) ? this.pack.scales[scaleId] : undefined;
  }

  /** The business goal with this value, if any. */
  goal(value: string): BusinessGoal | undefined {
    return this.pack.goals.find((goal) => goal.value === value);
  }

  /** The pulse template with this id, if any. */
  pulseTemplate(templateId: string): PulseTemplate | undefined {
    return this.pack.pulseTemplates.find((template) => template.id === templateId);
  }
}
