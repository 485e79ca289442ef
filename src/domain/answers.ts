/** What a user answered to one question, checked against the content pack before it gets here. */
export type AnswerValue =
  | { kind: 'rating'; value: number | null } // null: "don't know"
  | { kind: 'single'; value: string }
  | { kind: 'multi'; values: string[] }
  | { kind: 'text'; text: string }
  | { kind: 'rows'; rows: RowValue[] };

/** One repeatable row, keyed by field id. Ratings are numbers (null for "don't know"); everything else is text. */
export type RowValue = Record<string, string | number | null>;

/** The answers of one user, keyed by question id. */
export type AnswerMap = Record<string, AnswerValue>;
