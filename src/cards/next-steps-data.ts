import { safeLine, safeObject } from './safe-text';

const TITLE_CHARS = 40;
const URL_CHARS = 500;

/** The summary cards' "next steps" link: shown only for an https address that parses; the title is plain text. */
export function nextStepsData(raw: unknown): { hasNextSteps: boolean; nextStepsTitle: string; nextStepsUrl: string } {
  const none = { hasNextSteps: false, nextStepsTitle: '', nextStepsUrl: '' };
  if (raw === undefined) return none;
  const link = safeObject(raw, 'nextSteps');
  const title = safeLine(link.title, 'nextSteps.title', TITLE_CHARS);
  const url = typeof link.url === 'string' && link.url.length <= URL_CHARS ? httpsUrl(link.url) : undefined;
  return title && url ? { hasNextSteps: true, nextStepsTitle: title, nextStepsUrl: url } : none;
}

function httpsUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
