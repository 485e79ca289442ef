import { Body1, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Host } from './host';

const useStyles = makeStyles({ page: { padding: tokens.spacingHorizontalXXL } });

/** The channel tab's configuration page: nothing to choose, the tab always shows its team's view. */
export function ConfigPage({ host }: { host: Host }) {
  const styles = useStyles();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!host.inTeams) return;
    host.saveChannelTab(new URL('/dashboard?view=team', window.location.origin).href).catch(() => setFailed(true));
  }, [host]);
  return (
    <main className={styles.page}>
      <Title2 as="h1">Strategy for this team</Title2>
      <Body1 as="p">
        The tab shows this team's AI ambition, readiness and pulses, with the same anonymity thresholds as the bot's
        cards. Select Save to add it.
      </Body1>
      {failed && <Body1 as="p">The tab could not be set up here. Please try again from Teams.</Body1>}
    </main>
  );
}
