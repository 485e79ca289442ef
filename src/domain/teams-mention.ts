/**
 * A Teams mention in message text, `<at>Name</at>`, with the name captured. The name ends at the next "<" (Teams
 * escapes one inside a name), so a search costs linear time however many unclosed `<at` a message holds; a lazy
 * `[\s\S]*?` there would scan to the end of the text from each of them.
 */
export const TEAMS_MENTION = /<at\b[^<>]*>([^<]*)<\/at\s*>/gi;
