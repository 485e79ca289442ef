import { Field, Select, Title2 } from '@fluentui/react-components';
import { useState } from 'react';
import type { DashboardOverview } from '../../api-types';
import { Failure, Loading } from '../components/status';
import type { ViewProps } from '../dashboard';
import { useApi } from '../use-api';
import { OverviewBody } from './overview-body';

/** A team's figures (managers: their teams; leaders: any known team); in a channel tab, that channel's team. */
export default function TeamView({ api, me, host }: ViewProps) {
  const initial = me.teams.find((team) => team.id === host.teamId)?.id ?? me.teams[0]?.id;
  const [teamId, setTeamId] = useState(initial);
  const teamName = (id: string) => me.teams.find((team) => team.id === id)?.name ?? 'Unnamed team';
  return (
    <>
      <Title2 as="h2">{teamId ? `Team: ${teamName(teamId)}` : 'Team'}</Title2>
      {me.teams.length === 0 ? (
        <p>No team to show yet: a team appears here once the bot has met it and you may see it.</p>
      ) : (
        <>
          <Field label="Team">
            <Select value={teamId} onChange={(_event, data) => setTeamId(data.value)}>
              {me.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name ?? 'Unnamed team'}
                </option>
              ))}
            </Select>
          </Field>
          {teamId && <TeamFigures key={teamId} viewProps={{ api, me, host }} teamId={teamId} />}
        </>
      )}
    </>
  );
}

function TeamFigures({ viewProps, teamId }: { viewProps: ViewProps; teamId: string }) {
  const overview = useApi(() => viewProps.api.get<DashboardOverview>('overview', { team: teamId }), teamId);
  if (overview.state === 'loading') return <Loading what="the team's figures" />;
  if (overview.state === 'error') return <Failure failure={overview.failure} retry={overview.retry} />;
  return <OverviewBody overview={overview.data} />;
}
