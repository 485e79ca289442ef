import { CardRenderer } from '../../src/cards/card-renderer';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { Containers } from '../../src/storage/cosmos';
import { questionView } from '../../src/strategy/card-views';
import { startBaselineBot, type RunningEchoBot } from './echo-bot';

/**
 * A second baseline: the least any bot meeting the foundation issue must do per answered question, and nothing more.
 * The echo bot's restify + CloudAdapter, plus one Cosmos write (every answer is stored the moment it is given) and
 * one question card from the real renderer in the reply. No state is read, no dialog runs, no counter moves.
 */
export function startFloorBot(containers: Containers): Promise<RunningEchoBot> {
  const index = new ContentIndex(loadContentPack());
  const questions = index.allQuestions().filter((ref) => ref.question.kind !== 'rows');
  const renderer = new CardRenderer();
  let turns = 0;
  return startBaselineBot('bench-floor', async (context) => {
    const { activity } = context;
    const tenantId = activity.conversation.tenantId ?? 'floor';
    const userId = activity.from.aadObjectId ?? activity.from.id;
    const turn = turns++;
    await containers.users.items.upsert({
      id: `floor-${activity.id ?? turn}`,
      type: 'answer',
      tenantId,
      userId,
      text: activity.text ?? '',
    });
    const ref = questions[turn % questions.length];
    const card = renderer.question(questionView(ref, `t${turn}`, true, index.pack, {}));
    await context.sendActivity({ text: `Echo: ${activity.text ?? ''}`, attachments: [card] });
  });
}
