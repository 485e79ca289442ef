import { createHash } from 'node:crypto';
import { pendingKey, publishedView } from '../storage/aggregate-doc';
import type { AggregateDoc, PortfolioDoc } from '../storage/ports';
import { titleKey, type IdeaRow } from './idea-rows';

/**
 * What a portfolio is computed from: the published counters of the questions it reads (they move only when a batch of
 * at least the group threshold of people is published), the pack and the threshold. A portfolio whose basis is
 * current is read as stored; one person's change cannot move it.
 */
export function basisOf(
  docs: ReadonlyMap<string, AggregateDoc | undefined>,
  pack: { id: string; version: string },
  k: number,
): string {
  const published = [...docs.keys()].sort().map((questionId) => {
    const { counters } = publishedView(docs.get(questionId));
    return [questionId, Object.entries(counters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))];
  });
  return createHash('sha256')
    .update(JSON.stringify([`${pack.id}@${pack.version}`, k, published]))
    .digest('base64url')
    .slice(0, 22);
}

/**
 * Whether a person's answer to a question may go into the portfolio: not while their change to it is pending (waiting
 * to be published with a batch of others). Otherwise a portfolio computed between a publication and the next would
 * show a pending person's change, and the next one could differ from it by one person.
 */
export function publishedOnly(
  docs: ReadonlyMap<string, AggregateDoc | undefined>,
): (questionId: string, userId: string) => boolean {
  return (questionId, userId) => docs.get(questionId)?.pending?.[pendingKey(userId)] === undefined;
}

/**
 * The portfolio with the shown titles whose words are gone (edited, no longer shared, deleted) taken out, its figures
 * unchanged: words leave at once, while figures move only with a batch. `revision` is the use-case counters' own.
 */
export function withTitlesStillShared(doc: PortfolioDoc, rows: readonly IdeaRow[], revision: number): PortfolioDoc {
  const current = new Set(rows.filter((row) => row.shared).map(titleKey));
  return {
    ...doc,
    revision,
    groups: doc.groups.map((group) => ({
      ...group,
      members: group.members.map((member) => {
        if (member.titleKey === undefined || current.has(member.titleKey)) return member;
        const untitled = { ...member };
        delete untitled.title;
        delete untitled.titleKey;
        return untitled;
      }),
    })),
  };
}
