import { app, authentication, pages } from '@microsoft/teams-js';
import { themeName, type Host } from './host';

const TEAMS_START_MS = 5_000;

/** The page inside Teams: its theme and team from the context, the SSO token for every API call. */
export async function startTeamsHost(): Promise<Host> {
  await withTimeout(app.initialize(), TEAMS_START_MS);
  const context = await app.getContext();
  return {
    inTeams: true,
    theme: themeName(context.app.theme),
    teamId: context.team?.internalId,
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((next) => handler(themeName(next))),
    authorize: async (_url, headers) => {
      headers.set('Authorization', `Bearer ${await authentication.getAuthToken()}`);
    },
    openLink: (href) => void app.openLink(href).catch(() => window.open(href, '_blank', 'noopener')),
    saveChannelTab: async (contentUrl) => {
      pages.config.registerOnSaveHandler((saveEvent) => {
        pages.config
          .setConfig({
            contentUrl,
            websiteUrl: contentUrl,
            entityId: 'strategy-team',
            suggestedDisplayName: 'Strategy',
          })
          .then(() => saveEvent.notifySuccess())
          .catch(() => saveEvent.notifyFailure('The tab could not be saved'));
      });
      pages.config.setValidityState(true);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error as Error)),
    );
  });
}
