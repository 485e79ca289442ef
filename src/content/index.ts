export type * from './types';
export { ContentPackError, type ContentPackProblem } from './content-pack-error';
export {
  contentPackSchemaPath,
  defaultContentPackPath,
  loadContentPack,
  parseContentPack,
  validateContentPack,
} from './load-content-pack';
export { ContentIndex, type QuestionRef } from './content-index';
export { nextStepsLinks } from './next-steps';
export type { PathView } from './path-view';
