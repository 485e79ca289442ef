/** Whether a person's row is shown to leaders, in their terms (the rows card, review, my data and their summary). */
export function sharingText(shared: boolean): string {
  return shared ? 'Shared with leaders, without your name' : 'Not shared with leaders';
}
