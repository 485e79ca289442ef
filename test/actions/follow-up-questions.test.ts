import { followUpQuestions } from '../../src/actions/follow-ups';
import type { ActionDoc } from '../../src/domain/action-docs';
import type { PulseQuestion } from '../../src/domain/pulse-docs';
import type { SeriesDoc } from '../../src/domain/pulse-series';
import type { ActionStore, SeriesStore } from '../../src/storage/ports';

const question: PulseQuestion = {
  id: 'lb-commitment',
  kind: 'rating',
  text: 'Leaders are committed',
  labels: ['1', '2', '3', '4', '5'],
  dontKnowLabel: "Don't know",
};

/** In-memory stand-ins for the two stores (the Cosmos ones are covered by action-follow-up.test.ts). */
function storesWith(questions: PulseQuestion[], actions: Partial<ActionDoc>[]) {
  return {
    series: { closedRunsBefore: async () => [{ pulseId: 'p1', questions }] } as unknown as SeriesStore,
    actions: { actionsOfPulse: async () => actions } as unknown as ActionStore,
  };
}
const series = { tenantId: 't1', seriesId: 's1' } as SeriesDoc;

describe('followUpQuestions (in-memory stores)', () => {
  it('asks about the question itself when a stored action addressed a follow-up, so nothing nests', async () => {
    const followUp = { ...question, id: 'improved-lb-commitment', text: 'Has this improved since last time? …' };
    const stores = storesWith(
      [question, followUp],
      [{ what: 'Demo a tool', source: { kind: 'pulse', pulseId: 'p1', questionIds: ['improved-lb-commitment'] } }],
    );
    const asked = await followUpQuestions(stores, series, new Date());
    expect(asked.map((added) => added.id)).toEqual(['improved-lb-commitment']);
    expect(asked[0].text).toBe(
      "Has this improved since last time? “Leaders are committed” (the team's action: Demo a tool)",
    );
  });

  it("cuts a long action's words by whole characters, never half an emoji", async () => {
    const stores = storesWith(
      [question],
      [{ what: '🎉'.repeat(200), source: { kind: 'pulse', pulseId: 'p1', questionIds: ['lb-commitment'] } }],
    );
    const [asked] = await followUpQuestions(stores, series, new Date());
    expect(asked.text).toMatch(/🎉…\)$/);
    expect(asked.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(Array.from(asked.text.split('action: ')[1])).toHaveLength(121);
  });
});
