import type { ContentIndex } from '../content/content-index';
import type { Person } from '../domain/person';
import type { PersonReader } from '../storage/ports';
import { answeredOnPath, pathOfPerson } from '../strategy/person-path';
import { summaryView } from '../strategy/summary-views';
import type { DashboardMine } from './api-types';

/** The title of the person's own card, as in chat. */
const TITLE = 'Your AI ambition & success metrics';

/**
 * A person's own strategy, for them alone: their ambition & metrics card's view (summaryView, as in chat, with their
 * use cases and approaches) and their progress on their path. One point read of their person document.
 */
export class MineService {
  constructor(private readonly deps: { index: ContentIndex; persons: PersonReader; botAppId: string }) {}

  async mine(person: Person): Promise<DashboardMine> {
    const { index } = this.deps;
    const state = await this.deps.persons.read(person.tenantId, person.userId);
    const path = pathOfPerson(index, state, person.role);
    const answered = answeredOnPath(path, state.answers);
    const sections = index.sections.flatMap((section) => {
      const questions = index.questionsOnPath(section.id, path);
      if (questions.length === 0) return [];
      const done = questions.filter(({ question }) => state.answers[question.id] !== undefined).length;
      return [{ sectionId: section.id, title: section.title, answered: done, questions: questions.length }];
    });
    return {
      summary: summaryView(index, state.answers, path, TITLE),
      progress: {
        pathId: path.id,
        pathTitle: path.label,
        answered,
        questions: path.questionIds.size,
        finished: path.questionIds.size > 0 && answered === path.questionIds.size,
        sections,
      },
      answers: Object.keys(state.answers).length,
      ...(this.deps.botAppId
        ? { chatLink: `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(this.deps.botAppId)}` }
        : {}),
    };
  }
}
