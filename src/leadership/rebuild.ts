import type { Counters } from '../aggregation/contributions';
import { recomputeQuotes, statementSlots, type QuoteSlots } from '../aggregation/quotes';
import { counterDifferences, recomputeCounters, type RawAnswer } from '../aggregation/recompute';
import type { ContentIndex } from '../content/content-index';
import type { AggregateStore, AnswerStore, TeamMembership } from '../storage/ports';

export interface RebuildStores {
  answers: AnswerStore;
  aggregates: AggregateStore;
  memberships: TeamMembership;
}

export interface RebuildReport {
  answers: number;
  people: number;
  teams: number;
  /** Counter documents compared (organisation and teams). */
  documents: number;
  /** Where the maintained counters differed from the answers, as readable lines (empty when equal). */
  differences: string[];
  /** Whether the live counters (and quote slots) were overwritten with the recomputed ones. */
  written: boolean;
}

/**
 * Recomputes every counter of a tenant (organisation and teams) from the raw answers and compares it with the
 * maintained (live) counters; with `write`, overwrites them. The repair for counters that drifted when a process died
 * between storing an answer and patching its counters. The published copies summaries read keep their figures (a
 * repair reaches them with the next batch, like any change) but lose statements that no longer exist. Run it when the
 * tenant is quiet: answers given while it writes can be overwritten (a second run then reports them).
 */
export async function rebuildAggregates(
  index: ContentIndex,
  stores: RebuildStores,
  tenantId: string,
  options: { write: boolean },
): Promise<RebuildReport> {
  const answers = await stores.answers.listAllInTenant(tenantId);
  const paths = await stores.answers.listPathsInTenant(tenantId);
  const memberships = await stores.memberships.listAll(tenantId);
  const rebuilt = new Map<string, Counters>();
  const put = (teamId: string | undefined, byQuestion: Map<string, Counters>) => {
    for (const [questionId, counters] of byQuestion) rebuilt.set(scopeKey(questionId, teamId), counters);
  };
  put(undefined, recomputeCounters(index, answers, paths));
  const teams = new Map<string, Set<string>>();
  for (const membership of memberships)
    for (const teamId of membership.teamIds) teams.set(teamId, (teams.get(teamId) ?? new Set()).add(membership.userId));
  for (const [teamId, members] of teams)
    put(
      teamId,
      recomputeCounters(
        index,
        answers.filter((answer) => members.has(answer.userId)),
        paths,
      ),
    );
  const maintained = new Map<string, Counters>();
  for (const doc of await stores.aggregates.readAll(tenantId))
    maintained.set(scopeKey(doc.questionId, doc.teamId), doc.counters);
  const differences = counterDifferences(maintained, rebuilt);
  const keys = [...new Set([...maintained.keys(), ...rebuilt.keys()])];
  if (options.write) {
    // Quote slots are samples: rewritten with the counters, never compared.
    const scopes = scopedAnswers(answers, teams);
    const quotes = rebuildQuotes(index, scopes);
    const questionOf = (questionId: string) => index.find(questionId)?.question;
    const existing = new Map([...scopes].map(([teamId, scoped]) => [teamId, statementSlots(questionOf, scoped)]));
    for (const key of new Set([...keys, ...quotes.keys()])) {
      const { questionId, teamId } = parseScopeKey(key);
      const slotOf = existing.get(teamId) ?? new Map<string, string>();
      await stores.aggregates.rewrite(
        tenantId,
        questionId,
        teamId,
        { counters: rebuilt.get(key) ?? {}, quotes: quotes.get(key) ?? {} },
        (statement, slot) => slotOf.get(statement) === slot,
      );
    }
  }
  return {
    answers: answers.length,
    people: new Set(answers.map((answer) => answer.userId)).size,
    teams: teams.size,
    documents: keys.length,
    differences,
    written: options.write,
  };
}

/** The answers of each scope: the organisation (undefined) and every team. */
function scopedAnswers(answers: RawAnswer[], teams: Map<string, Set<string>>): Map<string | undefined, RawAnswer[]> {
  return new Map<string | undefined, RawAnswer[]>([
    [undefined, answers],
    ...[...teams].map(([teamId, members]): [string, RawAnswer[]] => [
      teamId,
      answers.filter((answer) => members.has(answer.userId)),
    ]),
  ]);
}

/** The quote slots every scope (organisation and teams) should hold, keyed like the counters. */
function rebuildQuotes(index: ContentIndex, scopes: Map<string | undefined, RawAnswer[]>): Map<string, QuoteSlots> {
  const questionOf = (questionId: string) => index.find(questionId)?.question;
  const result = new Map<string, QuoteSlots>();
  for (const [teamId, scoped] of scopes)
    for (const [questionId, slots] of recomputeQuotes(questionOf, scoped))
      result.set(scopeKey(questionId, teamId), slots);
  return result;
}

function scopeKey(questionId: string, teamId: string | undefined): string {
  return teamId === undefined ? questionId : `${questionId} (team ${teamId})`;
}

function parseScopeKey(key: string): { questionId: string; teamId?: string } {
  const match = /^(\S+) \(team (.+)\)$/.exec(key);
  return match ? { questionId: match[1], teamId: match[2] } : { questionId: key };
}
