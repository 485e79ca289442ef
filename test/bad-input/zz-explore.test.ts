// @ts-nocheck
import { startTestBot, type TestBot } from '../support/bot-harness';

let bot: TestBot;
beforeAll(async () => { bot = await startTestBot(); });
afterAll(async () => { await bot?.close(); });

it('gzip', async () => {
  process.on('uncaughtException', (e) => console.log('UNCAUGHT', e.message));
  const res = await fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{"type":"message"}', signal: AbortSignal.timeout(3000) }).catch(e => ({ status: 'ERR ' + e.name, text: async () => '' }));
  console.log('gzip garbage', res.status, (await res.text()).slice(0, 200));
  const h = await fetch(`${bot.app.url}/healthz`, { signal: AbortSignal.timeout(3000) }).catch(e => ({ status: 'ERR ' + e.name }));
  console.log('healthz', h.status);
}, 20000);
