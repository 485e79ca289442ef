import { startTestBot, cardsOf, textsOf, submitData, cardText, type TestBot, type TurnReply } from '../support/bot-harness';

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.close(); });

function show(label: string, r: TurnReply) {
  console.log(label, r.status, JSON.stringify(textsOf(r)), cardsOf(r).map((c) => cardText(c).slice(0, 100).replace(/\n/g, ' | ')));
}
async function raw(body: string | undefined, ct = 'application/json') {
  const res = await fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': ct }, body });
  return [res.status, (await res.text()).slice(0, 300)];
}

it('explore', async () => {
  const u = bot.user();
  let r = await u.say('start'); show('start', r);
  for (const depth of [500, 5000, 50000]) {
    const base = { id: 'x'+depth, timestamp: new Date().toISOString(), channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', from: { id: `29:${u.aadObjectId}`, aadObjectId: u.aadObjectId, name: u.name }, recipient: { id: '28:strategy-guide', name: 'Strategy Guide' }, conversation: { id: u.conversationId, conversationType: 'personal', tenantId: '11111111-1111-1111-1111-111111111111' }, channelData: { tenant: { id: '11111111-1111-1111-1111-111111111111' } }, deliveryMode: 'expectReplies', type: 'message' };
    const b = JSON.stringify(base).slice(0, -1) + ',"value":' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) + '}';
    const res = await fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
    const t = await res.text(); console.log('deep', depth, b.length, res.status, t.slice(0, 100), JSON.stringify((JSON.parse(t || '{}').activities ?? []).map((a: {text?: string}) => a.text)));
  }
  const wide: Record<string, string> = {}; for (let i = 0; i < 5000; i++) wide['k' + i] = 'v'.repeat(50);
  r = await u.submit({ ...submitData(cardsOf((await u.say('resume')))[0], 'Next'), answer: '2', junk: wide }); show('wide', r);
  console.log('invalid json', await raw('{"type": "message",'));
  console.log('empty', await raw(''));
  console.log('empty no ct', await raw(undefined));
  console.log('2MB', await raw(JSON.stringify({ type: 'message', text: 'x'.repeat(2 * 1024 * 1024) })));
  console.log('text/plain', await raw('hello', 'text/plain'));
  console.log('json array', await raw('[1,2]'));
  console.log('json null', await raw('null'));
  console.log('json string', await raw('"hi"'));
  r = await u.post({ type: 'messageReaction', reactionsAdded: [{ type: 'like' }], replyToId: 'x' }); show('reaction', r);
  r = await u.post({ type: 'conversationUpdate', membersAdded: [{ id: '29:someone' }] } as never); show('convUpdate', r);
  r = await u.post({ type: 'installationUpdate', action: 'add' }); show('install', r);
  r = await u.post({ type: 'invoke', name: 'unknown/thing', value: {}, deliveryMode: undefined }); console.log('invoke no expectReplies', r.status, JSON.stringify(r.activities));
  r = await u.post({ from: { id: '29:anon', name: 'Anon' }, conversation: { id: 'a:anon', conversationType: 'personal' }, channelData: {}, type: 'message', text: 'help' } as never); show('no tenant', r);
  const c = bot.user();
  r = await c.say('hi'); show('hi', r); 
  r = await c.say('   '); show('ws', r);
  r = await c.say(''); show('empty', r);
  r = await c.say('frobnicate'); show('frob', r);
  r = await c.submit([1,2]); show('arr idle', r);
  r = await c.post({ type: 'message' }); show('no text no value', r);
});
