import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { AnswerMap } from '../../src/domain/answers';
import { CardRenderer } from '../../src/cards/card-renderer';
import { summaryView } from '../../src/strategy/summary-views';
import { useCaseViews } from '../../src/strategy/use-case-views';
import { cardText } from '../support/bot-harness';
import { validateCard } from '../cards/validate-card';

const pack = loadContentPack();
const index = new ContentIndex(pack);
const label = (id: string) => pack.buildDecision?.approaches.find((approach) => approach.id === id)?.label;

describe('the use cases on a person’s own card', () => {
  const answers: AnswerMap = {
    'uc-use-cases': {
      kind: 'rows',
      rows: [
        { rowId: 'u1', title: 'Draft replies to supplier questions', value: 4, feasibility: 5, share: 'yes' },
        { rowId: 'u2', title: 'Forecast spare parts', value: 5, feasibility: 2, share: 'no' },
        { rowId: 'u3', title: 'Summarise audits', value: 3, feasibility: 3, share: 'yes' },
      ],
    },
    'dr-build-approach': {
      kind: 'rows',
      rows: [
        { rowId: 'b1', 'use-case': 'u1', approach: 'copilot-studio' },
        { rowId: 'b2', 'use-case': 'u2', approach: 'buy-saas' },
        { rowId: 'b3', 'use-case': 'u1', approach: 'custom-model-iaas' },
        { rowId: 'b4', 'use-case': 'u9', approach: 'ai-foundry-paas' },
      ],
    },
  };

  it('shows each use case with the approach recommended for it, an earlier choice by its old label', () => {
    const views = useCaseViews(index, pack, answers);
    expect(views.map((view) => [view.title, view.approach, view.shared])).toEqual([
      ['Draft replies to supplier questions', `Recommended: ${label('copilot-studio')}`, true],
      ['Forecast spare parts', 'Your earlier choice: Buy a SaaS solution', false],
      ['Summarise audits', undefined, true],
    ]);
  });

  it('puts the recommendation under its use case on the summary card', () => {
    const card = new CardRenderer().summary(
      summaryView(index, answers, index.paths[index.paths.length - 1], 'Your AI ambition & success metrics'),
    );
    expect(validateCard(card.content)).toEqual([]);
    expect(cardText(card.content)).toMatch(
      new RegExp(`Draft replies to supplier questions[\\s\\S]*Recommended: ${label('copilot-studio')}`),
    );
  });

  it('has no approach for anyone who has not answered the build questions', () => {
    const views = useCaseViews(index, pack, { 'uc-use-cases': answers['uc-use-cases'] });
    expect(views.every((view) => view.approach === undefined)).toBe(true);
  });
});
