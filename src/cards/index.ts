export { CardRenderer, CardTooLargeError, MAX_CARD_BYTES, type CardAttachment } from './card-renderer';
export { CardDataError } from './safe-text';
export { OWN_CHOICE_VALUE } from './question-data';
export type * from './view-models';
export type * from './submit-data';
