import { safeLine, safeList, safeObject } from './safe-text';

const TITLE_CHARS = 40;
const URL_CHARS = 500;
const MAX_LINKS = 5;

/** The summary cards' "next steps" links: each shown only with a title and an https address that parses. */
export function nextStepsData(raw: unknown): { hasNextSteps: boolean; nextSteps: { title: string; url: string }[] } {
  if (raw === undefined) return { hasNextSteps: false, nextSteps: [] };
  const links = safeList(raw, 'nextSteps', MAX_LINKS, (item, path) => {
    const link = safeObject(item, path);
    const title = safeLine(link.title, `${path}.title`, TITLE_CHARS);
    const url = typeof link.url === 'string' && link.url.length <= URL_CHARS ? httpsUrl(link.url) : undefined;
    return title && url ? [{ title, url }] : [];
  }).flat();
  return { hasNextSteps: links.length > 0, nextSteps: links };
}

function httpsUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
