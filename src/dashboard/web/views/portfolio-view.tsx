import { Field, Select, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { DashboardOption, DashboardPortfolio, DashboardPortfolioGroup } from '../../api-types';
import { BarChart, ChartFigure } from '../components/chart-figure';
import { DataTable, shown, type Column } from '../components/data-table';
import { Section } from '../components/section';
import { Failure, Loading } from '../components/status';
import type { ViewProps } from '../dashboard';
import { useApi } from '../use-api';
import { EditGroup } from './portfolio-edit';

type Filters = DashboardPortfolio['filters'];

const useStyles = makeStyles({
  filters: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', alignItems: 'end' },
});

/** The use-case portfolio: filters, the value/feasibility matrix with its table, the groups, and editing for leaders. */
export default function PortfolioView({ api, me }: ViewProps) {
  const styles = useStyles();
  const [filters, setFilters] = useState<Filters>({});
  const portfolio = useApi(() => api.get<DashboardPortfolio>('portfolio', filters), JSON.stringify(filters));
  const options = portfolio.state === 'ready' ? portfolio.data.options : undefined;
  const filter = (label: string, name: keyof Filters, choices: DashboardOption[]) => (
    <Field label={label}>
      <Select
        value={filters[name] ?? ''}
        onChange={(_event, data) => setFilters({ ...filters, [name]: data.value || undefined })}
      >
        <option value="">All</option>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </Select>
    </Field>
  );
  return (
    <>
      <Title2 as="h2">Use-case portfolio</Title2>
      <div className={styles.filters} role="group" aria-label="Filter the portfolio">
        {filter(
          'Team',
          'team',
          me.teams.map((team) => ({ id: team.id, label: team.name ?? 'Unnamed team' })),
        )}
        {filter('Goal', 'goal', options?.goals ?? [])}
        {filter('Approach', 'approach', options?.approaches ?? [])}
        {filter('Status', 'status', options?.statuses ?? [])}
      </div>
      {portfolio.state === 'loading' && <Loading what="the portfolio" />}
      {portfolio.state === 'error' && <Failure failure={portfolio.failure} retry={portfolio.retry} />}
      {portfolio.state === 'ready' && <PortfolioBody api={api} portfolio={portfolio.data} reload={portfolio.reload} />}
    </>
  );
}

function PortfolioBody(props: { api: ViewProps['api']; portfolio: DashboardPortfolio; reload: () => void }) {
  const { portfolio } = props;
  if (!portfolio.available) return <p>The content pack asks for no use cases, so there is no portfolio.</p>;
  const columns: Column<DashboardPortfolioGroup>[] = [
    { header: 'Rank', cell: (g) => g.rank, numeric: true },
    { header: 'Use case', cell: (g) => g.label },
    { header: 'Status', cell: (g) => g.statusLabel },
    { header: 'People', cell: (g) => shown(g.support), numeric: true },
    { header: 'Value', cell: (g) => shown(g.value, 'mean'), numeric: true },
    { header: 'Feasibility', cell: (g) => shown(g.feasibility, 'mean'), numeric: true },
    { header: 'Approach', cell: (g) => approachText(g) },
    { header: 'Leaders’ decision', cell: (g) => g.decision?.approach.label ?? '–' },
  ];
  if (portfolio.canEdit) {
    columns.push({
      header: 'Edit',
      cell: (g) => <EditGroup api={props.api} group={g} portfolio={portfolio} onSaved={props.reload} />,
    });
  }
  return (
    <>
      <p>
        {portfolio.people === null
          ? 'Too few people have suggested use cases to show how many.'
          : `${portfolio.people} people suggested use cases. Groups of fewer than ${portfolio.k} are counted, not shown.`}
      </p>
      <ChartFigure
        title="Groups by value and feasibility"
        note={portfolio.matrix?.note}
        chart={
          <BarChart
            title="Groups by value and feasibility"
            bars={portfolio.quadrants.map((q) => ({ label: q.title, value: q.groups }))}
          />
        }
        table={
          <DataTable
            caption="Groups per quadrant"
            rows={portfolio.quadrants}
            rowKey={(q) => q.quadrant}
            columns={[
              { header: 'Quadrant', cell: (q) => q.title },
              { header: 'Groups', cell: (q) => q.groups, numeric: true },
            ]}
          />
        }
      />
      <Section title="Use-case groups">
        <DataTable
          caption="Use-case groups, best value × feasibility first"
          rows={portfolio.groups}
          rowKey={(g) => g.key}
          empty="No group matches these filters."
          columns={columns}
        />
        {portfolio.folded > 0 && <p>{`${portfolio.folded} smaller groups are counted but not shown.`}</p>}
      </Section>
      <Section title="Recommended approaches">
        <DataTable
          caption="People by their most recommended approach"
          rows={portfolio.approaches}
          rowKey={(a) => a.id}
          columns={[
            { header: 'Approach', cell: (a) => a.label },
            { header: 'People', cell: (a) => a.people, numeric: true },
          ]}
        />
      </Section>
    </>
  );
}

function approachText(group: DashboardPortfolioGroup): string {
  const main = group.approach?.label ?? '–';
  return group.disagreement ? `${main} (people disagree)` : main;
}
