import type { DashboardOverview } from '../../api-types';
import { ChartFigure, TrendChart } from '../components/chart-figure';
import { DataTable, shown } from '../components/data-table';
import { Section } from '../components/section';

/** Readiness per section month by month (the monthly snapshots), a line per section, with its table. */
export function ReadinessTrend({ overview }: { overview: DashboardOverview }) {
  const points = overview.readinessHistory;
  const sections = overview.figures.readiness.map((section) => ({ id: section.sectionId, title: section.title }));
  const meanOf = (point: (typeof points)[number], sectionId: string) =>
    point.sections.find((entry) => entry.sectionId === sectionId)?.mean ?? null;
  if (points.length === 0)
    return (
      <Section title="Readiness over time">
        <p>A snapshot is taken once a month: the first one appears here at the start of next month.</p>
      </Section>
    );
  return (
    <ChartFigure
      title="Readiness over time"
      note="Mean rating per section (1–5), one snapshot a month; a section rated by too few people that month is left out."
      chart={
        <TrendChart
          title="Readiness over time"
          series={sections.map((section) => ({
            legend: section.title,
            points: points.flatMap((point) => {
              const mean = meanOf(point, section.id);
              return mean === null ? [] : [{ day: `${point.month}-01`, y: mean }];
            }),
          }))}
        />
      }
      table={
        <DataTable
          caption="Readiness by month and section"
          rows={points}
          rowKey={(point) => point.month}
          empty="No monthly snapshot yet."
          columns={[
            { header: 'Month', cell: (point) => point.month },
            ...sections.map((section) => ({
              header: section.title,
              cell: (point: (typeof points)[number]) => shown(meanOf(point, section.id), 'mean'),
              numeric: true,
            })),
          ]}
        />
      }
    />
  );
}
