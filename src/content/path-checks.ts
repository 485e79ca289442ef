import type { ContentPack } from './types';

/** A path that leaves some questions out is for people with little time: at most this many questions. */
export const MAX_SHORT_PATH_QUESTIONS = 15;

type Report = (path: string, message: string) => void;

/**
 * The rules for `paths` the schema cannot express: unique path ids, defaults that name a path, known and unrepeated
 * question ids, short paths short, and one path that asks every question (so anyone can choose to answer them all).
 */
export function checkPaths(pack: ContentPack, questionIds: readonly string[], report: Report): void {
  const { paths } = pack;
  if (paths === undefined) return;
  const known = new Set(questionIds);
  const pathIds = new Set<string>();
  paths.list.forEach((path, p) => {
    if (pathIds.has(path.id)) report(`/paths/list/${p}/id`, `duplicate path id "${path.id}"`);
    pathIds.add(path.id);
  });
  for (const role of ['leader', 'employee'] as const) {
    const id = paths.defaults[role];
    if (!pathIds.has(id))
      report(`/paths/defaults/${role}`, `unknown path "${id}" (the pack defines: ${[...pathIds].join(', ')})`);
  }
  let coversAll = false;
  paths.list.forEach(({ questions }, p) => {
    if (questions === 'all') return void (coversAll = true);
    const seen = new Set<string>();
    questions.forEach((id, q) => {
      if (!known.has(id)) report(`/paths/list/${p}/questions/${q}`, `unknown question "${id}"`);
      else if (seen.has(id)) report(`/paths/list/${p}/questions/${q}`, `question "${id}" is listed twice`);
      seen.add(id);
    });
    const asked = [...seen].filter((id) => known.has(id)).length;
    if (asked === known.size) coversAll = true;
    else if (questions.length > MAX_SHORT_PATH_QUESTIONS)
      report(
        `/paths/list/${p}/questions`,
        `a path that leaves questions out may ask at most ${MAX_SHORT_PATH_QUESTIONS} (this one lists ${questions.length}); a path of every question says "all"`,
      );
  });
  if (!coversAll)
    report(
      '/paths/list',
      `no path asks every question: add one whose "questions" is "all", so that anyone can choose to answer them all`,
    );
}
