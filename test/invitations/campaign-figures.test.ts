import { channelView } from '../../src/invitations/campaign-figures';

const figures = (invited: number, started: number, finished: number) => {
  const view = channelView({ invited, started, finished }, 'open', 5);
  return [view.invitedText, view.startedText, view.finishedText];
};

describe("the invitation channel card's figures (group threshold 5)", () => {
  it('shows every count exactly when each, and each difference between them, is none or at least 5', () => {
    expect(figures(20, 10, 5)).toEqual(['20', '10', '5']);
    expect(figures(10, 10, 5)).toEqual(['10', '10', '5']);
  });

  it('says "fewer than 5" below the threshold, zero included', () => {
    expect(figures(4, 0, 0)).toEqual(['fewer than 5', 'fewer than 5', 'fewer than 5']);
  });

  it('holds back the smaller of two counts whose difference is a small group, as "5 or more"', () => {
    // Invited 6 · Started 5 would say that one invited person has not started.
    expect(figures(6, 5, 0)).toEqual(['6', '5 or more', 'fewer than 5']);
    // Started 9 · Finished 5 is safe once Started is held back for Invited 10; Invited 10 − Finished 5 is 5.
    expect(figures(10, 9, 5)).toEqual(['10', '5 or more', '5']);
    // Finished 7 is one off Started 8: Finished is held back, and Invited 8 − Started 8 is nobody.
    expect(figures(8, 8, 7)).toEqual(['8', '8', '5 or more']);
  });
});
