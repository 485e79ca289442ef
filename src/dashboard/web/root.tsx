import { FluentProvider } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api-client';
import { ConfigPage } from './config-page';
import { Dashboard } from './dashboard';
import type { Host } from './host';
import { FLUENT_THEMES } from './theme';

/** The page: Fluent in the Teams theme (following its changes), then the tab or its configuration page. */
export function Root({ host }: { host: Host }) {
  const [theme, setTheme] = useState(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  const api = useMemo(() => new ApiClient(host), [host]);
  const configuring = window.location.pathname.replace(/\/$/, '').endsWith('/dashboard/config');
  useEffect(() => {
    document.documentElement.style.colorScheme = theme === 'default' ? 'light' : 'dark';
  }, [theme]);
  return (
    <FluentProvider theme={FLUENT_THEMES[theme]} style={{ minHeight: '100vh' }}>
      {configuring ? <ConfigPage host={host} /> : <Dashboard api={api} host={host} />}
    </FluentProvider>
  );
}
