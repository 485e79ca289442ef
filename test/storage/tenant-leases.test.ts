import { CosmosTenantLeases } from '../../src/storage/tenant-leases';
import { startContainers } from './embedded-containers';

let leases: CosmosTenantLeases;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await startContainers();
  leases = new CosmosTenantLeases(started.containers.tenants);
  close = started.close;
});
afterAll(() => close());

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 10, minute));

describe('CosmosTenantLeases', () => {
  it('has one holder at a time, renewable by it and taken over once it has run out', async () => {
    expect(await leases.acquire('t1', 'summary-scan', 'a', at(0), at(5))).toBe(true);
    expect(await leases.acquire('t1', 'summary-scan', 'b', at(1), at(6))).toBe(false);
    expect(await leases.acquire('t1', 'summary-scan', 'a', at(2), at(7))).toBe(true);
    expect(await leases.holder('t1', 'summary-scan', at(6))).toBe('a');
    expect(await leases.acquire('t1', 'summary-scan', 'b', at(7), at(12))).toBe(true);
    expect(await leases.holder('t1', 'summary-scan', at(8))).toBe('b');
    expect(await leases.holder('t1', 'digest', at(8))).toBeUndefined();
  });

  it('is released only by its holder, and then free at once', async () => {
    expect(await leases.acquire('t2', 'digest', 'a', at(0), at(5))).toBe(true);
    await leases.release('t2', 'digest', 'b');
    expect(await leases.holder('t2', 'digest', at(1))).toBe('a');
    await leases.release('t2', 'digest', 'a');
    expect(await leases.holder('t2', 'digest', at(1))).toBeUndefined();
    expect(await leases.acquire('t2', 'digest', 'b', at(1), at(6))).toBe(true);
  });
});
