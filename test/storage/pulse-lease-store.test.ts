import { pulseIds, type LeaseDoc } from '../../src/domain/pulse-docs';
import type { PulseStores } from '../../src/storage/ports';
import { startPulseStores } from './embedded-containers';

let stores: PulseStores;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ stores, close } = await startPulseStores());
});
afterAll(() => close());

const lease = (owner: string, expiresAt: string): LeaseDoc => ({
  id: pulseIds.lease('p1'),
  type: 'lease',
  tenantId: 't1',
  pulseId: 'p1',
  owner,
  expiresAt,
});

describe('CosmosPulseLeases', () => {
  it('lets one instance create the lease and only the holder of its ETag replace it', async () => {
    const first = await stores.leases.createLease(lease('a', '2026-01-01T00:00:30.000Z'));
    expect(first).toEqual(expect.any(String));
    expect(await stores.leases.createLease(lease('b', '2026-01-01T00:00:30.000Z'))).toBeUndefined();

    const renewed = await stores.leases.replaceLease(lease('a', '2026-01-01T00:01:00.000Z'), first ?? '');
    expect(renewed).toEqual(expect.any(String));
    expect(await stores.leases.replaceLease(lease('b', '2026-01-01T00:02:00.000Z'), first ?? '')).toBeUndefined();

    const read = await stores.leases.readLease('t1', 'p1');
    expect(read).toEqual({ doc: lease('a', '2026-01-01T00:01:00.000Z'), etag: renewed });
    expect(await stores.leases.readLease('t2', 'p1')).toBeUndefined();
  });
});
