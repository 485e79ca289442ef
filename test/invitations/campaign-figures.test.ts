import { channelView } from '../../src/invitations/campaign-figures';

const K = 5;
const figures = (invited: number, started: number, finished: number) => {
  const view = channelView({ invited, started, finished }, 'open', K);
  return [view.invitedText, view.startedText, view.finishedText];
};

describe("the invitation channel card's figures (group threshold 5)", () => {
  it('shows every count exactly when each, and each difference between them, is none or at least 5', () => {
    expect(figures(20, 10, 5)).toEqual(['20', '10', '5']);
    expect(figures(10, 10, 5)).toEqual(['10', '10', '5']);
    expect(figures(4, 0, 0)).toEqual(['fewer than 5', 'fewer than 5', 'fewer than 5']);
  });

  it('shows all three in bands of 5 when two of them differ by a small group', () => {
    expect(figures(6, 5, 0)).toEqual(['5 to 9', '5 to 9', 'fewer than 5']);
    expect(figures(10, 9, 5)).toEqual(['10 to 14', '5 to 9', '5 to 9']);
  });

  it('never lets a reader pin a difference to one number between 1 and 4 (every nested triple up to 30)', () => {
    // What a reader who knows the rule can work out: every nested triple (up to 40, past the top band) behind a card.
    const behind = new Map<string, number[][]>();
    for (let invited = 0; invited <= 40; invited++)
      for (let started = 0; started <= invited; started++)
        for (let finished = 0; finished <= started; finished++) {
          const card = figures(invited, started, finished).join(' · ');
          behind.set(card, [...(behind.get(card) ?? []), [invited, started, finished]]);
        }
    for (let invited = 0; invited <= 30; invited++)
      for (let started = 0; started <= invited; started++)
        for (let finished = 0; finished <= started; finished++) {
          const card = figures(invited, started, finished).join(' · ');
          for (const [larger, smaller] of [
            [0, 1],
            [1, 2],
            [0, 2],
          ]) {
            const gaps = new Set(behind.get(card)?.map((triple) => triple[larger] - triple[smaller]));
            const pinned = gaps.size === 1 && [...gaps][0] >= 1 && [...gaps][0] < K;
            if (pinned) throw new Error(`"${card}" pins a difference to ${[...gaps][0]}`);
          }
        }
  });
});
