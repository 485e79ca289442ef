import { CosmosExportConsents } from '../../src/storage/export-consents';
import { startContainers } from './embedded-containers';

let consents: CosmosExportConsents;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await startContainers();
  consents = new CosmosExportConsents(started.containers.tenants);
  close = started.close;
});
afterAll(() => close());

const holder = { userId: 'ann', conversationId: 'a:ann' };
const now = new Date('2026-06-01T10:00:00.000Z');
const inAnHour = new Date('2026-06-01T11:00:00.000Z');

describe('CosmosExportConsents', () => {
  it('lets the holder use a token once; a redelivery of that invoke is told it is a repeat', async () => {
    const token = await consents.issue('t1', holder, inAnHour);
    expect(await consents.take('t1', token, holder, 'invoke-1', now)).toBe('taken');
    expect(await consents.take('t1', token, holder, 'invoke-1', now)).toBe('repeat');
    expect(await consents.take('t1', token, holder, 'invoke-2', now)).toBe('used');
  });

  it('does not let anyone else use it, nor in another conversation or tenant, and leaves it usable', async () => {
    const token = await consents.issue('t1', holder, inAnHour);
    expect(await consents.take('t1', token, { ...holder, userId: 'bob' }, 'invoke-3', now)).toBe('unknown');
    expect(await consents.take('t1', token, { ...holder, conversationId: '19:channel' }, 'invoke-4', now)).toBe(
      'unknown',
    );
    expect(await consents.take('t2', token, holder, 'invoke-5', now)).toBe('unknown');
    expect(await consents.take('t1', 'made-up-token', holder, 'invoke-6', now)).toBe('unknown');
    expect(await consents.take('t1', token, holder, 'invoke-7', now)).toBe('taken');
  });

  it('refuses an expired token', async () => {
    const token = await consents.issue('t1', holder, now);
    expect(await consents.take('t1', token, holder, 'invoke-8', now)).toBe('expired');
  });
});
