import type { CardRenderer } from '../src/cards/card-renderer';
import type { ContentIndex } from '../src/content/content-index';
import type { ContentPack } from '../src/content/types';
import type { AnswerStore, SessionStore } from '../src/storage/ports';
import type { AnswerRecorder } from '../src/strategy/answer-recorder';

/** What the dialogs need, built once in the composition root and passed in by constructor. */
export interface DialogDeps {
  pack: ContentPack;
  index: ContentIndex;
  cards: CardRenderer;
  recorder: AnswerRecorder;
  answers: AnswerStore;
  sessions: SessionStore;
}
