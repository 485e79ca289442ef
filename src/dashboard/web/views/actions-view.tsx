import { Title2 } from '@fluentui/react-components';
import type {
  DashboardAction,
  DashboardActionCounts,
  DashboardActions,
  DashboardActionStatus,
  DashboardMyAction,
} from '../../api-types';
import { DataTable, type Column } from '../components/data-table';
import { Section } from '../components/section';
import { Failure, Loading } from '../components/status';
import type { ViewProps } from '../dashboard';
import { useApi } from '../use-api';

const STATUS: Record<DashboardActionStatus, string> = { open: 'Open', overdue: 'Overdue', done: 'Done' };
const ROLE: Record<DashboardMyAction['role'], string> = { owner: 'Owner', planner: 'Planned by me' };

/** Where an action belongs, as a person reads it. */
const teamLabel = (team: { teamId: string; teamName?: string }) =>
  team.teamId === '' ? 'Organisation' : (team.teamName ?? 'A team or group chat');

/** "2 open, 1 overdue, 3 done". */
const countsText = ({ open, overdue, done }: DashboardActionCounts) => `${open} open, ${overdue} overdue, ${done} done`;

/** The columns every list of actions has; `withTeam` adds the team (lists that mix teams). */
function actionColumns<Row extends DashboardAction>(withTeam: boolean): Column<Row>[] {
  return [
    { header: 'Action', cell: (action) => action.what },
    { header: 'From', cell: (action) => action.source },
    ...(withTeam ? [{ header: 'Team', cell: (action: Row) => teamLabel(action) }] : []),
    { header: 'Due', cell: (action) => action.dueText },
    { header: 'Status', cell: (action) => STATUS[action.status] },
    { header: 'Owner', cell: (action) => action.ownerName },
    { header: 'Latest note', cell: (action) => action.latestNote ?? '–' },
  ];
}

/** Action plans the person may see: their own, their teams', and for leaders the organisation's and other teams'. */
export default function ActionsView({ api }: ViewProps) {
  const actions = useApi(() => api.get<DashboardActions>('actions'), 'actions');
  return (
    <>
      <Title2 as="h2">Actions</Title2>
      <p>
        Actions are changed in your 1:1 chat with the bot: use Mark done or Update on the action there. This page shows
        them as they stand.
      </p>
      {actions.state === 'loading' && <Loading what="the actions" />}
      {actions.state === 'error' && <Failure failure={actions.failure} retry={actions.retry} />}
      {actions.state === 'ready' && <ActionsBody actions={actions.data} />}
    </>
  );
}

function ActionsBody({ actions }: { actions: DashboardActions }) {
  const { mine, teams, organisation, otherTeams } = actions;
  return (
    <>
      <Section title="My actions">
        <DataTable
          caption="Actions I own or planned"
          rows={mine}
          rowKey={(action) => action.actionId}
          empty="You have no actions yet. When someone plans one for you, it appears here and in your chat with the bot."
          columns={[
            ...actionColumns<DashboardMyAction>(true),
            { header: 'My part', cell: (action) => ROLE[action.role] },
          ]}
        />
      </Section>
      {teams && (
        <Section title="My teams’ actions">
          {teams.length === 0 && (
            <p>
              No actions planned in your teams yet. Plan one with “Plan an action” on a pulse’s results card or the
              team’s summary.
            </p>
          )}
          {teams.map((team) => (
            <DataTable
              key={team.teamId}
              caption={`${teamLabel(team)}: ${countsText(team.counts)}`}
              rows={team.actions}
              rowKey={(action) => action.actionId}
              columns={actionColumns(false)}
            />
          ))}
        </Section>
      )}
      {organisation && (
        <Section title="Organisation actions">
          <DataTable
            caption="Actions planned from the organisation’s summary"
            rows={organisation}
            rowKey={(action) => action.actionId}
            empty="No organisation-wide actions yet."
            columns={actionColumns(false)}
          />
        </Section>
      )}
      {otherTeams && (
        <Section title="Other teams">
          <p>Counts only: what other teams plan, and who owns it, stays with those teams.</p>
          <DataTable
            caption={`Actions of other teams, among the latest ${actions.limits.counted}`}
            rows={otherTeams}
            rowKey={(team) => team.teamId}
            empty="No other team has actions yet."
            columns={[
              { header: 'Team', cell: (team) => teamLabel(team) },
              { header: 'Open', cell: (team) => String(team.counts.open), numeric: true },
              { header: 'Overdue', cell: (team) => String(team.counts.overdue), numeric: true },
              { header: 'Done', cell: (team) => String(team.counts.done), numeric: true },
            ]}
          />
        </Section>
      )}
    </>
  );
}
