import { DASHBOARD_SCOPE } from '../../src/dashboard/token-verifier';
import { appSettings, readText } from './infra-files';

/** The Teams clients that ask Entra ID for a tab's SSO token: the desktop/mobile app and the web client. */
const TEAMS_CLIENTS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];

interface AadManifest {
  appId: string;
  identifierUris: string[];
  signInAudience: string;
  oauth2Permissions: { id: string; value: string; type: string; isEnabled: boolean }[];
  preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
}

const aad = JSON.parse(readText('aad.manifest.json')) as AadManifest;
const teamsManifest = JSON.parse(readText('appPackage/manifest.json')) as {
  webApplicationInfo: { id: string; resource: string };
};

describe('the dashboard tab: Entra app registration and its Toolkit steps', () => {
  it('exposes the access_as_user scope the API requires, pre-authorized for the Teams clients', () => {
    const scope = aad.oauth2Permissions.find((permission) => permission.value === DASHBOARD_SCOPE);
    expect(scope).toMatchObject({ type: 'User', isEnabled: true });
    expect(aad.preAuthorizedApplications.map((entry) => entry.appId).sort()).toEqual([...TEAMS_CLIENTS].sort());
    for (const entry of aad.preAuthorizedApplications) expect(entry.permissionIds).toEqual([scope?.id]);
  });

  it('is the registration the Teams manifest names for SSO, with the same Application ID URI', () => {
    expect(aad.appId).toBe(teamsManifest.webApplicationInfo.id);
    expect(aad.identifierUris).toEqual([teamsManifest.webApplicationInfo.resource]);
    expect(aad.signInAudience).toBe('AzureADMultipleOrgs');
  });

  it.each(['m365agents.yml', 'm365agents.local.yml'])(
    '%s creates the registration, then applies aad.manifest.json once the domain is known',
    (file) => {
      const yaml = readText(file);
      const create = yaml.indexOf('uses: aadApp/create\n    with:\n      name: strategy-guide-dashboard');
      const update = yaml.indexOf('uses: aadApp/update');
      expect(create).toBeGreaterThan(0);
      expect(update).toBeGreaterThan(create);
      expect(yaml.slice(create, update)).toContain('clientId: AAD_APP_CLIENT_ID');
      expect(yaml.slice(update)).toContain('manifestPath: ./aad.manifest.json');
      if (file === 'm365agents.yml') expect(yaml.indexOf('uses: arm/deploy')).toBeLessThan(update);
    },
  );

  it('hands the client id to the web app as DASHBOARD_CLIENT_ID (and the local run both audiences)', () => {
    const settings = appSettings(readText('infra/modules/web-app.bicep'));
    expect(settings.get('DASHBOARD_CLIENT_ID')).toBe('dashboardClientId');
    expect(settings.get('DASHBOARD_APP_ID_URI')).toBe('dashboardAppIdUri');
    expect(readText('infra/azure.parameters.json')).toContain(
      '"dashboardClientId": { "value": "${{AAD_APP_CLIENT_ID}}" }',
    );
    expect(readText('m365agents.local.yml')).toContain('DASHBOARD_CLIENT_ID: ${{AAD_APP_CLIENT_ID}}');
  });
});
