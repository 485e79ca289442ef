import { loadConfig } from '../../src/config';
import { devBanner, type DevRun } from '../../src/local/banner';

const run = (env: Record<string, string>, more: Partial<DevRun> = {}): string => {
  const config = loadConfig(env, 'local');
  return devBanner({
    botEndpoint: 'http://127.0.0.1:3978/api/messages',
    embeddedCosmos: 'http://127.0.0.1:40000',
    cosmosEndpoint: 'http://127.0.0.1:40000',
    playgroundPort: 56150,
    localRoles: config.localRoles,
    pulsePolicy: config.pulsePolicy,
    ...more,
  });
};

/** The banner line of one persona, e.g. "manager". */
const persona = (banner: string, name: string): string =>
  banner.split('\n').find((line) => line.trimStart().startsWith(`${name} `)) ?? '';

describe('the npm run dev banner', () => {
  it('names the local roles and how to try each persona in the Playground', () => {
    const banner = run({});
    expect(banner).toContain('http://localhost:56150');
    expect(banner).toContain(
      "You are Alex Wilber, the Playground's user: employee, admin, leader, manager (LOCAL_ROLES; LOCAL_ROLES=none for an employee only).",
    );
    expect(persona(banner, 'employee')).toContain('Personal Chat: "start"');
    expect(persona(banner, 'manager')).toContain(`in My Team's General channel: "@Test Bot pulse"`);
    expect(persona(banner, 'leader')).toContain('"summary"');
    expect(persona(banner, 'admin')).toContain('"grant leader <Entra object id>"');
    expect(banner).toContain('npm run dev -- --demo');
  });

  it("prints the dashboard's link for the Playground's default user (its tenant and Entra object id)", () => {
    expect(run({})).toContain(
      '  Dashboard:         http://127.0.0.1:3978/dashboard?tenant=00000000-0000-0000-0000-0000000000001&user=00000000-0000-0000-0000-0000000000020',
    );
  });

  it('says which personas are not the local user’s with LOCAL_ROLES=none or a shorter list', () => {
    const none = run({ LOCAL_ROLES: 'none' });
    expect(none).toContain("the Playground's user: employee only (LOCAL_ROLES).");
    for (const role of ['manager', 'leader', 'admin'])
      expect(persona(none, role)).toContain(`not yours: add ${role} to LOCAL_ROLES`);
    const manager = run({ LOCAL_ROLES: 'manager' });
    expect(persona(manager, 'manager')).toContain('pulse');
    expect(persona(manager, 'leader')).toContain('not yours');
    // Under PULSE_POLICY=anyone everyone may start a pulse.
    expect(persona(run({ LOCAL_ROLES: 'none', PULSE_POLICY: 'anyone' }), 'manager')).toContain('pulse set-up card');
  });

  it('describes the demo organisation, an external Cosmos endpoint and a run without the Playground', () => {
    const demo = run(
      {},
      {
        demo: { people: 280, teams: [{ name: 'Sales' }, { name: 'Operations' }], examplePersonId: 'd3300000-1' },
      },
    );
    expect(demo).toContain('280 simulated people in 2 teams (Sales, Operations)');
    expect(persona(demo, 'admin')).toContain('"grant leader d3300000-1"');
    const external = run(
      {},
      { embeddedCosmos: undefined, cosmosEndpoint: 'https://127.0.0.1:8081', playgroundPort: undefined },
    );
    expect(external).toContain('Cosmos DB:         https://127.0.0.1:8081');
    expect(external).toContain('Agents Playground: not started (--no-playground)');
    expect(persona(external, 'manager')).toBe('');
  });
});
