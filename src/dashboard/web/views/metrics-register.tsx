import type { GoalFigure, Spread } from '../../../leadership/metric-register';
import { DataTable } from '../components/data-table';
import { Section } from '../components/section';

function spread(value: Spread | null): string {
  if (!value) return '–';
  return value.low === value.high ? String(value.low) : `${value.low}–${value.high}`;
}

/** The success metrics register: people per goal and metric, with the spread of baselines and targets. */
export function MetricsRegister({ goals, note }: { goals: GoalFigure[]; note: string }) {
  const rows = goals.flatMap((goal) =>
    goal.metrics.length === 0
      ? [{ key: goal.goalId, goal: goal.label, metric: '–', people: goal.people, baseline: null, target: null }]
      : goal.metrics.map((metric) => ({
          key: `${goal.goalId}>${metric.metricId}`,
          goal: goal.label,
          metric: metric.label,
          people: metric.people,
          baseline: metric.baseline,
          target: metric.target,
        })),
  );
  return (
    <Section title="Metrics register">
      {note && <p>{note}</p>}
      <DataTable
        caption="Success metrics by goal"
        rows={rows}
        rowKey={(row) => row.key}
        empty="Shown once enough people have chosen goals and metrics."
        columns={[
          { header: 'Goal', cell: (row) => row.goal },
          { header: 'Metric', cell: (row) => row.metric },
          { header: 'People', cell: (row) => row.people, numeric: true },
          { header: 'Baselines', cell: (row) => spread(row.baseline), numeric: true },
          { header: 'Targets', cell: (row) => spread(row.target), numeric: true },
        ]}
      />
    </Section>
  );
}
