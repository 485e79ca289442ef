import { CosmosActivityClaims } from '../../src/storage/activity-claims';
import { startContainers } from './embedded-containers';

let claims: CosmosActivityClaims;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await startContainers();
  claims = new CosmosActivityClaims(started.containers.tenants);
  close = started.close;
});
afterAll(() => close());

const now = new Date('2026-06-01T10:00:00.000Z');

describe('CosmosActivityClaims', () => {
  it('gives the work to exactly one of several deliveries, and the outcome to the others once settled', async () => {
    const key = ['rebuild', '19:conversation', 'activity-1'];
    const all = await Promise.all([1, 2, 3, 4].map(() => claims.claim<string>('t1', key, now)));
    expect(all.filter((claim) => claim.first)).toHaveLength(1);
    expect(await claims.claim<string>('t1', key, now)).toEqual({ first: false });

    await claims.settle('t1', key, 'rebuilt 12 documents');
    expect(await claims.claim<string>('t1', key, now)).toEqual({ first: false, outcome: 'rebuilt 12 documents' });
    expect(await claims.find<string>('t1', key)).toEqual({ first: false, outcome: 'rebuilt 12 documents' });
    expect(await claims.find<string>('t2', key)).toBeUndefined();
  });

  it('makes the next delivery first again once the work is given up', async () => {
    const key = ['erase', 'a:conversation', 'activity-2'];
    expect(await claims.claim('t1', key, now)).toEqual({ first: true });
    await claims.release('t1', key);
    await claims.release('t1', key);
    expect(await claims.claim('t1', key, now)).toEqual({ first: true });
  });
});
