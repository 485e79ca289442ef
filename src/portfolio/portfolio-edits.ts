import { groupOf, rankGroups, type Idea, type IdeaGroup } from './group-ideas';

/** Where a group of ideas stands, in the order a leader usually moves it. */
export const IDEA_STATUSES = ['idea', 'shortlisted', 'piloting', 'live', 'dropped'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

/**
 * A leader's change to the portfolio, stored and applied again after every regrouping. Edits name member keys, not
 * group ids, so they still mean the same group when new ideas arrive; `anchorKey` is the key the leader saw as the
 * group's anchor, but any key of the group works.
 */
export type PortfolioEdit =
  | { kind: 'rename'; anchorKey: string; label: string }
  /** The groups holding the two keys become one; it keeps the name, status and decision of the `intoKey` group. */
  | { kind: 'merge'; fromKey: string; intoKey: string }
  /** The key leaves its group and stands alone (a new group, status `idea`); the rest keep name and status. */
  | { kind: 'split'; key: string }
  | { kind: 'status'; anchorKey: string; status: IdeaStatus }
  /** Leaders answered the build questions for the group; a merge keeps the `intoKey` group's decision. */
  | { kind: 'decide'; anchorKey: string; answers: Readonly<Record<string, string>>; approach: string };

/** Leaders' build decision for a group: their answers and the approach those gave when saved. */
export interface GroupDecision {
  answers: Readonly<Record<string, string>>;
  approach: string;
}

/** A group as leaders see it: the grouping plus their edits. */
export interface PortfolioGroup<T extends Idea = Idea> extends IdeaGroup<T> {
  /** The name a leader gave it, or else the anchor's title. */
  label: string;
  renamed: boolean;
  status: IdeaStatus;
  decision?: GroupDecision;
}

interface Draft<T extends Idea> {
  members: T[];
  label?: string;
  status: IdeaStatus;
  decision?: GroupDecision;
}

/**
 * The grouping with the edits applied in their stored order. An edit naming a key that is in no group (the idea was
 * deleted) or that changes nothing (merging a group with itself, splitting a lone idea) is skipped. Groups come out
 * ranked by the people behind them; anchors, ids and weights follow from the final members.
 */
export function applyEdits<T extends Idea>(
  groups: readonly IdeaGroup<T>[],
  edits: readonly PortfolioEdit[],
): PortfolioGroup<T>[] {
  const drafts = new Set<Draft<T>>();
  const holding = new Map<string, Draft<T>>();
  const place = (draft: Draft<T>) => {
    drafts.add(draft);
    for (const member of draft.members) holding.set(member.key, draft);
  };
  for (const group of groups) place({ members: [...group.members], status: 'idea' });

  for (const edit of edits) {
    switch (edit.kind) {
      case 'rename': {
        const draft = holding.get(edit.anchorKey);
        const label = edit.label.trim();
        if (draft && label !== '') draft.label = label;
        break;
      }
      case 'status': {
        const draft = holding.get(edit.anchorKey);
        if (draft && IDEA_STATUSES.includes(edit.status)) draft.status = edit.status;
        break;
      }
      case 'decide': {
        const draft = holding.get(edit.anchorKey);
        if (draft) draft.decision = { answers: edit.answers, approach: edit.approach };
        break;
      }
      case 'merge': {
        const from = holding.get(edit.fromKey);
        const into = holding.get(edit.intoKey);
        if (!from || !into || from === into) break;
        drafts.delete(from);
        into.members.push(...from.members);
        place(into);
        break;
      }
      case 'split': {
        const draft = holding.get(edit.key);
        if (!draft || draft.members.length === 1) break;
        const leaving = draft.members.filter((member) => member.key === edit.key);
        draft.members = draft.members.filter((member) => member.key !== edit.key);
        place({ members: leaving, status: 'idea' });
        break;
      }
    }
  }

  return rankGroups(
    [...drafts].map((draft) => {
      const group = groupOf(draft.members);
      const renamed = draft.label !== undefined;
      const decided = draft.decision ? { decision: draft.decision } : {};
      return { ...group, label: draft.label ?? group.members[0].title, renamed, status: draft.status, ...decided };
    }),
  );
}
