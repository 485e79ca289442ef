import type { TurnContext } from 'botbuilder';
import type { ContentIndex } from '../src/content/content-index';
import type { PathView } from '../src/content/path-view';
import { pathOfPerson } from '../src/strategy/person-path';
import { turnUnitOf } from '../src/bot/turn-state';

/** The path of the questionnaire the person of this turn walks. */
export function pathOfTurn(context: TurnContext, index: ContentIndex): PathView {
  const { session, speaker } = turnUnitOf(context);
  return pathOfPerson(index, session.doc, speaker.role);
}
