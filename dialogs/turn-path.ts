import type { TurnContext } from 'botbuilder';
import type { ContentIndex, QuestionRef } from '../src/content/content-index';
import type { PathView } from '../src/content/path-view';
import { pathOfPerson } from '../src/strategy/person-path';
import { turnUnitOf } from '../src/bot/turn-state';

/** The path of the questionnaire the person of this turn walks. */
export function pathOfTurn(context: TurnContext, index: ContentIndex): PathView {
  const { session, speaker } = turnUnitOf(context);
  return pathOfPerson(index, session.doc, speaker.role);
}

/** A question as this turn's person sees it: numbered within their path ("2 of 4"), or among all when off it (an edit). */
export function refOnPath(context: TurnContext, index: ContentIndex, ref: QuestionRef): QuestionRef {
  const onPath = index.questionsOnPath(ref.section.id, pathOfTurn(context, index));
  return onPath.find(({ question }) => question.id === ref.question.id) ?? ref;
}
