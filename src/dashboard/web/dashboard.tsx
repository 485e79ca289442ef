import { Button, Title1, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import type { DashboardMe, DashboardViewName } from '../api-types';
import type { ApiClient } from './api-client';
import { Failure, Loading } from './components/status';
import type { Host } from './host';
import { useApi } from './use-api';

const OverviewView = lazy(() => import('./views/overview-view'));
const TeamView = lazy(() => import('./views/team-view'));
const PortfolioView = lazy(() => import('./views/portfolio-view'));
const PulsesView = lazy(() => import('./views/pulses-view'));
const MineView = lazy(() => import('./views/mine-view'));
const ActionsView = lazy(() => import('./views/actions-view'));

/** The views in the order of the navigation, with their names there. */
export const VIEW_TITLES: Record<DashboardViewName, string> = {
  overview: 'Organisation',
  team: 'Team',
  portfolio: 'Portfolio',
  pulses: 'Pulses',
  mine: 'My strategy',
  actions: 'Actions',
};

/** What every view is given: the API, who is looking, and where the page runs. */
export interface ViewProps {
  api: ApiClient;
  me: DashboardMe;
  host: Host;
}

const useStyles = makeStyles({
  page: { maxWidth: '1100px', margin: '0 auto', padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}` },
  nav: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    margin: `${tokens.spacingVerticalM} 0`,
    padding: 0,
  },
  list: { display: 'contents', listStyle: 'none' },
});

/** The tab: a header, one navigation button per view the person may open, and the chosen view. */
export function Dashboard({ api, host }: { api: ApiClient; host: Host }) {
  const styles = useStyles();
  const me = useApi(() => api.get<DashboardMe>('me'), 'me');
  const [chosen, setChosen] = useState(() => new URLSearchParams(window.location.search).get('view'));
  if (me.state !== 'ready') {
    return (
      <main className={styles.page}>
        <Title1 as="h1">Strategy dashboard</Title1>
        {me.state === 'loading' ? <Loading what="the dashboard" /> : <Failure failure={me.failure} retry={me.retry} />}
      </main>
    );
  }
  const views = me.data.views;
  const view = views.find((name) => name === chosen) ?? views[0];
  const choose = (name: DashboardViewName) => {
    setChosen(name);
    const url = new URL(window.location.href);
    url.searchParams.set('view', name);
    window.history.replaceState(null, '', url);
  };
  const props: ViewProps = { api, me: me.data, host };
  return (
    <div className={styles.page}>
      <header>
        <Title1 as="h1">Strategy dashboard</Title1>
        <nav aria-label="Dashboard views">
          <ul className={styles.nav}>
            {views.map((name) => (
              <li key={name} className={styles.list}>
                <Button
                  appearance={name === view ? 'primary' : 'secondary'}
                  aria-current={name === view ? 'page' : undefined}
                  onClick={() => choose(name)}
                >
                  {VIEW_TITLES[name]}
                </Button>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        {view === undefined ? (
          <Failure failure="denied" />
        ) : (
          <Suspense fallback={<Loading what={VIEW_TITLES[view]} />}>
            {view === 'overview' && <OverviewView {...props} />}
            {view === 'team' && <TeamView {...props} />}
            {view === 'portfolio' && <PortfolioView {...props} />}
            {view === 'pulses' && <PulsesView {...props} />}
            {view === 'mine' && <MineView {...props} />}
            {view === 'actions' && <ActionsView {...props} />}
          </Suspense>
        )}
      </main>
    </div>
  );
}
