import { CosmosTenantStore } from '../../src/storage/tenant-store';
import { startContainers } from './embedded-containers';

let tenants: CosmosTenantStore;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await startContainers();
  tenants = new CosmosTenantStore(started.containers.tenants);
  close = started.close;
});
afterAll(() => close());

describe('CosmosTenantStore', () => {
  it('starts with no granted roles, and grants and revokes each once', async () => {
    expect(await tenants.roles('t1')).toMatchObject({ leaders: [], admins: [], managers: [] });

    expect(await tenants.setRole('t1', 'leader', 'zoe', true)).toBe(true);
    expect(await tenants.setRole('t1', 'leader', 'amy', true)).toBe(true);
    expect(await tenants.setRole('t1', 'leader', 'amy', true)).toBe(false);
    expect(await tenants.setRole('t1', 'manager', 'max', true)).toBe(true);
    expect(await tenants.roles('t1')).toMatchObject({ leaders: ['amy', 'zoe'], admins: [], managers: ['max'] });

    expect(await tenants.setRole('t1', 'leader', 'zoe', false)).toBe(true);
    expect(await tenants.setRole('t1', 'admin', 'zoe', false)).toBe(false);
    expect((await tenants.roles('t1')).leaders).toEqual(['amy']);
    expect((await tenants.roles('t2')).leaders).toEqual([]);
  });

  it('loses no grant when several are made at once', async () => {
    const people = Array.from({ length: 6 }, (_, i) => `person-${i}`);
    const granted = await Promise.all(people.map((userId) => tenants.setRole('t3', 'admin', userId, true)));
    expect(granted).toEqual(people.map(() => true));
    expect((await tenants.roles('t3')).admins).toEqual([...people].sort());
  });
});
