import type { ContentIndex, QuestionRef } from '../../content/content-index';
import type { PathView } from '../../content/path-view';
import type { ContentPack, Question, RowField, RowsQuestion } from '../../content/types';
import type { AnswerMap, AnswerValue, RowValue } from '../../domain/answers';
import { readSubmit } from '../../strategy/read-submit';
import { withRecommendation } from '../../strategy/recommended-row';
import { LEADER_TILT, ORGANISATION_TILT, type DemoPerson } from './organisation';
import { DO_NOT_WANT, GENERAL_NOTES, METRIC_FIGURES, ROW_TEXTS, TEXT_ANSWERS, WANT } from './phrases';
import type { SeededRandom } from './random';

export interface DemoAnswer {
  ref: QuestionRef;
  value: AnswerValue;
}

const TOKEN = 'demo';
const SKIP_SHARE = 0.06;
const DONT_KNOW_SHARE = 0.05;
/** Of the ideas people enter, most are shared with leaders (the toggle starts on); some are switched off. */
const SHARED_SHARE = 0.8;
/** An optional goal (a use case's) is left out now and then. */
const NO_GOAL_SHARE = 0.15;

/**
 * One simulated person's answers to the questions of their path, in questionnaire order up to how far they got. Each
 * is made as a card submit would be (the raw input values) and read with the bot's own submit checks against the
 * content pack, so every answer is one the bot could have stored.
 */
export function demoAnswers(index: ContentIndex, person: DemoPerson, random: SeededRandom): DemoAnswer[] {
  const path = demoPath(index, person);
  const questions = index.allQuestions().filter(({ question }) => path.questionIds.has(question.id));
  const reached = Math.max(1, Math.round(person.progress * questions.length));
  const answers: AnswerMap = {};
  const given: DemoAnswer[] = [];
  for (const ref of questions.slice(0, reached)) {
    // Everyone simulated answered something: a skip comes only after their first answer.
    if (person.progress < 1 && given.length > 0 && random.chance(SKIP_SHARE)) continue;
    const maker = new AnswerMaker(index.pack, person, random, answers, ref);
    const value = maker.answer();
    if (!value) continue;
    answers[ref.question.id] = value;
    given.push({ ref, value });
  }
  return given;
}

/** The path a simulated person walks: every question if they chose so, else the one their group starts on. */
export function demoPath(index: ContentIndex, person: DemoPerson): PathView {
  const everything = index.paths.find((path) => path.questionIds.size === index.allQuestions().length);
  return (person.choseEverything ? everything : undefined) ?? index.pathFor(undefined, person.role);
}

/** The row being made: its place, its text, and whether it is about one row of another answer. */
interface NewRow {
  text: string;
  index: number;
  perReferencedRow: boolean;
}

class AnswerMaker {
  constructor(
    private readonly pack: ContentPack,
    private readonly person: DemoPerson,
    private readonly random: SeededRandom,
    private readonly answers: AnswerMap,
    private readonly ref: QuestionRef,
  ) {}

  answer(): AnswerValue | undefined {
    const { question } = this.ref;
    if (question.kind === 'rows') return this.rows(question);
    const outcome = readSubmit(
      question,
      this.expected(),
      { value: { ...this.expected(), sg: 'answer', answer: this.raw(question) } },
      this.context(),
    );
    if (outcome.type !== 'answer') throw new Error(`demo answer to ${question.id} refused: ${outcome.type}`);
    return outcome.value;
  }

  private raw(question: Exclude<Question, RowsQuestion>): string {
    switch (question.kind) {
      case 'rating':
        return this.rating();
      case 'single':
        return this.alongScale(question.options.map((option) => option.value));
      case 'multi': {
        const values = question.options.map((option) => option.value).filter((value) => value !== question.exclusive);
        if (question.exclusive && this.random.chance(0.1)) return question.exclusive;
        return this.random.some(values, this.random.int(1, Math.min(3, values.length))).join(',');
      }
      case 'text':
        return this.random.pick(TEXT_ANSWERS[question.id] ?? GENERAL_NOTES);
    }
  }

  /** A rows answer: a few rows, each added as the rows card would send it (page one, then page two if there is one). */
  private rows(question: RowsQuestion): AnswerValue | undefined {
    const rows: RowValue[] = [];
    const count = Math.min(this.pack.limits.maxRows, this.rowCount(question));
    const texts = this.random.some(this.textsFor(question), count);
    const perReferencedRow = this.pointedAt(question) !== undefined;
    for (let i = 0; i < count; i++) {
      let row: RowValue = {};
      for (const page of [1, 2] as const) {
        const fields = question.fields.filter((field) => field.page === page);
        if (fields.length === 0) continue;
        const typed: Record<string, string> = {};
        for (const field of fields) {
          const text = texts[i] ?? this.random.pick(GENERAL_NOTES);
          const raw = this.field(field, { ...row, ...readBack(typed) }, { text, index: i, perReferencedRow });
          if (raw !== undefined) typed[`field.${field.id}`] = raw;
        }
        const value = { ...this.expected(), sg: 'rows', rowAction: 'add', ...typed };
        const context = {
          ...this.context(),
          answers: { ...this.answers, [question.id]: { kind: 'rows' as const, rows } },
        };
        const outcome = readSubmit(
          question,
          this.expected(),
          { value },
          page === 2 ? { ...context, pendingRow: row } : context,
        );
        if (outcome.type !== 'rowAdd') throw new Error(`demo row for ${question.id} refused: ${outcome.type}`);
        row = { ...row, ...outcome.fields };
      }
      rows.push({ rowId: `r${i + 1}${this.random.int(100, 999)}`, ...withRecommendation(this.pack, question, row) });
    }
    return rows.length > 0 ? { kind: 'rows', rows } : undefined;
  }

  /** Rows that only point at another answer's rows (a build approach per use case) get one per row, up to two. */
  private rowCount(question: RowsQuestion): number {
    const target = this.pointedAt(question);
    if (target) return Math.min(target.length, 2);
    return this.random.int(1, question.fields.some((field) => field.kind === 'metric') ? 2 : 3);
  }

  private pointedAt(question: RowsQuestion): RowValue[] | undefined {
    if (question.fields.some((field) => field.kind === 'text' || field.kind === 'goal')) return undefined;
    const refField = question.fields.find((field) => field.kind === 'rowRef');
    const target = refField?.kind === 'rowRef' ? this.answers[refField.question] : undefined;
    return target?.kind === 'rows' ? target.rows : refField ? [] : undefined;
  }

  private textsFor(question: RowsQuestion): readonly string[] {
    const { summary } = this.pack;
    if (question.id === summary.want) return WANT;
    if (question.id === summary.doNotWant) return DO_NOT_WANT;
    return ROW_TEXTS[question.id] ?? GENERAL_NOTES;
  }

  /** The raw input of one field, or undefined to leave an optional field empty. */
  private field(field: RowField, rowSoFar: RowValue, row: NewRow): string | undefined {
    const { pack, random } = this;
    switch (field.kind) {
      case 'text':
        return this.metricText(field.id, rowSoFar) ?? row.text;
      case 'rating':
        return this.rating();
      case 'choice':
        return this.alongScale(field.options.map((option) => option.value));
      case 'goal': {
        if (!field.required && random.chance(NO_GOAL_SHARE)) return undefined;
        const own = this.person.team.goals.filter((goal) => pack.goals.some((candidate) => candidate.value === goal));
        return own.length > 0 && random.chance(0.7) ? random.pick(own) : random.pick(pack.goals).value;
      }
      case 'metric': {
        const goal = pack.goals.find((candidate) => candidate.value === rowSoFar[field.goalField]);
        return goal ? random.pick(goal.metrics).value : undefined;
      }
      case 'timeFrame':
        return random.pick(pack.timeFrames).value;
      case 'consent':
        return String(random.chance(field.defaultOn ? SHARED_SHARE : 1 - SHARED_SHARE));
      case 'rowRef': {
        const target = this.answers[field.question];
        if (target?.kind !== 'rows' || target.rows.length === 0) return undefined;
        // One row per referenced row where that is all the row is about; elsewhere a link now and then.
        if (row.perReferencedRow) return String(target.rows[row.index % target.rows.length].rowId);
        return field.required || random.chance(0.7) ? String(random.pick(target.rows).rowId) : undefined;
      }
      case 'recommendation':
        return undefined;
    }
  }

  /** Baselines and targets of a suggested metric, with numbers in them as people write them. */
  private metricText(fieldId: string, rowSoFar: RowValue): string | undefined {
    const { metricFields } = this.pack.summary;
    const figures = METRIC_FIGURES[String(rowSoFar[metricFields.metric])];
    if (!figures || (fieldId !== metricFields.baseline && fieldId !== metricFields.target)) return undefined;
    const baseline = this.random.int(figures.low, figures.high);
    if (fieldId === metricFields.baseline) return `${baseline}${figures.unit} today`;
    const base = Number(/\d+/.exec(String(rowSoFar[metricFields.baseline] ?? ''))?.[0] ?? baseline);
    return `${Math.max(0, base + figures.change + this.random.int(-1, 1))}${figures.unit}`;
  }

  /** "1"–"5" or "dk", around the person's usual view of this section. */
  private rating(): string {
    if (this.random.chance(DONT_KNOW_SHARE)) return 'dk';
    return String(Math.round(clamp(this.mean() + this.random.normal() * 0.8, 1, 5)));
  }

  /** One of ordered options (from least to most), along the same leaning as the ratings. */
  private alongScale(values: readonly string[]): string {
    const position = clamp((this.mean() - 1) / 4 + this.random.normal() * 0.2, 0, 1);
    return values[Math.round(position * (values.length - 1))];
  }

  private mean(): number {
    const section = this.ref.section.id;
    const leader = this.person.role === 'leader' ? (LEADER_TILT[section] ?? 0) : 0;
    return 3 + (ORGANISATION_TILT[section] ?? 0) + this.person.outlook + (this.person.team.tilt[section] ?? 0) + leader;
  }

  private expected() {
    return { questionId: this.ref.question.id, token: TOKEN };
  }

  private context() {
    return { pack: this.pack, answers: this.answers };
  }
}

/** The page-one values typed so far, as the row will hold them (for fields that depend on an earlier one). */
function readBack(typed: Record<string, string>): RowValue {
  return Object.fromEntries(Object.entries(typed).map(([key, value]) => [key.replace(/^field\./, ''), value]));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
