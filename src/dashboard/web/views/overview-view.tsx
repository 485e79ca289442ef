import { Title2 } from '@fluentui/react-components';
import type { DashboardOverview } from '../../api-types';
import { BarChart, ChartFigure } from '../components/chart-figure';
import { DataTable } from '../components/data-table';
import { ExportButtons } from '../components/exports';
import { Failure, Loading } from '../components/status';
import type { ViewProps } from '../dashboard';
import { useApi } from '../use-api';
import { OverviewBody } from './overview-body';

/** The organisation overview (leaders): every figure of the leadership card, charts with tables, and downloads. */
export default function OverviewView({ api, me }: ViewProps) {
  const overview = useApi(() => api.get<DashboardOverview>('overview'), 'overview');
  return (
    <>
      <Title2 as="h2">The organisation's AI strategy</Title2>
      {me.canExport && <ExportButtons api={api} document={me.canDownloadDocument} />}
      {overview.state === 'loading' && <Loading what="the organisation's figures" />}
      {overview.state === 'error' && <Failure failure={overview.failure} retry={overview.retry} />}
      {overview.state === 'ready' && (
        <>
          <OverviewBody overview={overview.data} />
          {overview.data.matrix && (
            <ChartFigure
              title="Use cases by value and feasibility"
              note={overview.data.matrix.note}
              chart={
                <BarChart
                  title="Use cases by value and feasibility"
                  bars={overview.data.matrix.chart.map((bar) => ({ label: bar.legend, value: bar.value }))}
                />
              }
              table={
                <DataTable
                  caption="Use-case groups per quadrant"
                  rows={overview.data.matrix.quadrants}
                  rowKey={(q) => q.title}
                  columns={[
                    { header: 'Quadrant', cell: (q) => q.title },
                    { header: 'Groups', cell: (q) => q.detail },
                  ]}
                />
              }
            />
          )}
        </>
      )}
    </>
  );
}
