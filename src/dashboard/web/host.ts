import { app, authentication, pages } from '@microsoft/teams-js';

/** The three Teams themes; outside Teams `?theme=` picks one (local mode and the browser tests). */
export type ThemeName = 'default' | 'dark' | 'contrast';

/** Where the page runs and how it proves who is looking: the Teams SSO token, or local mode's `?tenant=&user=`. */
export interface Host {
  inTeams: boolean;
  theme: ThemeName;
  /** The team whose channel holds the tab (Teams' thread id, as the bot knows teams); absent in a personal tab. */
  teamId?: string;
  /** Called with the new theme when Teams switches theme (never outside Teams). */
  onThemeChange(handler: (theme: ThemeName) => void): void;
  /** Adds the caller's identity to an API request: a Bearer token in Teams, the page's query in local mode. */
  authorize(url: URL, headers: Headers): Promise<void>;
  /** Opens a link the Teams way inside Teams (deep links), a new tab outside. */
  openLink(href: string): void;
}

const TEAMS_START_MS = 5_000;

/** Teams themes by name; anything unknown reads as the default (light) theme. */
export function themeName(value: string | null | undefined): ThemeName {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

/** Inside Teams the page sits in an iframe and teams-js answers; elsewhere (or if it never answers) it is local. */
export async function detectHost(location: Location = window.location): Promise<Host> {
  const query = new URLSearchParams(location.search);
  if (window.self !== window.top) {
    try {
      await withTimeout(app.initialize(), TEAMS_START_MS);
      const context = await app.getContext();
      return teamsHost(themeName(context.app.theme), context.team?.internalId);
    } catch {
      // Framed by something that is not Teams: treat as local, which the server allows only in local mode.
    }
  }
  return localHost(query);
}

function teamsHost(theme: ThemeName, teamId: string | undefined): Host {
  return {
    inTeams: true,
    theme,
    teamId,
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((next) => handler(themeName(next))),
    authorize: async (_url, headers) => {
      headers.set('Authorization', `Bearer ${await authentication.getAuthToken()}`);
    },
    openLink: (href) => void app.openLink(href).catch(() => window.open(href, '_blank', 'noopener')),
  };
}

function localHost(query: URLSearchParams): Host {
  return {
    inTeams: false,
    theme: themeName(query.get('theme')),
    teamId: query.get('team') ?? undefined,
    onThemeChange: () => undefined,
    authorize: async (url) => {
      for (const name of ['tenant', 'user']) {
        const value = query.get(name);
        if (value) url.searchParams.set(name, value);
      }
    },
    openLink: (href) => void window.open(href, '_blank', 'noopener'),
  };
}

/** The channel tab's configuration page: tells Teams which page the saved tab opens. */
export async function saveChannelTab(contentUrl: string): Promise<void> {
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config
      .setConfig({ contentUrl, websiteUrl: contentUrl, entityId: 'strategy-team', suggestedDisplayName: 'Strategy' })
      .then(() => saveEvent.notifySuccess())
      .catch(() => saveEvent.notifyFailure('The tab could not be saved'));
  });
  pages.config.setValidityState(true);
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
