/**
 * What the portfolio cards show, resolved by the caller. Group labels are people's shared words (names removed) or a
 * leader's name for the group: user text, shown only as plain text.
 */

/** The value/feasibility matrix: groups per quadrant (a chart) and, as text, which groups are in each. */
export interface PortfolioMatrixView {
  chart: { legend: string; value: number }[];
  quadrants: { title: string; detail: string }[];
  note: string;
}

/** A line with a label and what is counted for it, e.g. an approach and its people. */
export interface PortfolioCountedView {
  label: string;
  detail: string;
}

export interface PortfolioGroupView {
  /** Its place in the ranking, from 1. */
  rank: number;
  label: string;
  facts: { title: string; value: string }[];
  /** Shown when people recommend different approaches for it; empty otherwise. */
  flag: string;
  /** The member key an Edit button names; empty when the card offers no editing. */
  editKey: string;
}

export interface PortfolioView {
  title: string;
  /** The team's name as Teams gives it (user text), for a team's portfolio. */
  teamName?: string;
  intro: string[];
  /** On the first page only. */
  matrix?: PortfolioMatrixView;
  approaches: PortfolioCountedView[];
  approachesNote: string;
  groups: PortfolioGroupView[];
  /** E.g. "Groups 1–10 of 34." */
  pageNote: string;
  /** What is counted but not listed (small groups whose words were not shared, groups beyond those kept). */
  folded: string[];
  /** The page the Next button asks for; absent on the last page. */
  nextPage?: number;
  footnote: string;
}

export interface PortfolioEditView {
  /** The member key that names the group in the submit. */
  groupKey: string;
  label: string;
  status: string;
  statuses: { value: string; label: string }[];
  /** Other groups it may be merged into (their member keys and labels). */
  mergeTargets: { value: string; label: string }[];
  /** Its wordings with shared titles that may be split out into a group of their own. */
  wordings: { value: string; label: string }[];
  renameMaxLength: number;
  /** The build questions leaders may answer for the group (input ids, pack labels and options, their last answers). */
  decisionQuestions: { id: string; label: string; value: string; choices: { value: string; label: string }[] }[];
  /** The approach leaders' answers gave, with its why; empty until they answer. */
  decision: string;
  /** Why the last save was refused, if it was. */
  error?: string;
}
