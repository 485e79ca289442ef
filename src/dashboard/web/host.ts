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
  /** The channel tab's configuration page: tells Teams which page the saved tab opens (Teams only). */
  saveChannelTab(contentUrl: string): Promise<void>;
}

/** Teams themes by name; anything unknown reads as the default (light) theme. */
export function themeName(value: string | null | undefined): ThemeName {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

/**
 * Inside Teams the page sits in an iframe and teams-js answers; elsewhere (or if it never answers) it is local.
 * teams-js is loaded only when framed: on import it fetches Microsoft's list of valid hosts, which a page outside
 * Teams has no use for.
 */
export async function detectHost(location: Location = window.location): Promise<Host> {
  if (window.self !== window.top) {
    try {
      const { startTeamsHost } = await import('./teams-host');
      return await startTeamsHost();
    } catch {
      // Framed by something that is not Teams: treat as local, which the server allows only in local mode.
    }
  }
  return localHost(new URLSearchParams(location.search));
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
    saveChannelTab: async () => undefined,
  };
}
