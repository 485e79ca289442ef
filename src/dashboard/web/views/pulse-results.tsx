import type { PulseResultsView, PulseTrendLine } from '../../../cards/pulse-view-models';
import { BarChart, ChartFigure } from '../components/chart-figure';
import { DataTable, shown } from '../components/data-table';

/** A closed pulse's results, as the results card shows them: one chart and table per question, then comments. */
export function PulseResults({ results }: { results: PulseResultsView }) {
  const rate = results.responseRate === null ? '' : ` (${shown(results.responseRate, 'share')})`;
  return (
    <>
      <p>{`${results.responses} of ${results.reached} people responded${rate}.`}</p>
      {results.series?.repeatLabel && <p>{`Repeats: ${results.series.repeatLabel.toLowerCase()}.`}</p>}
      {results.series?.caution && <p role="note">{results.series.caution}</p>}
      {results.questions === null ? (
        <p>{`Fewer than ${results.threshold} people responded, so only the count is shown.`}</p>
      ) : (
        results.questions.map((question, index) => (
          <ChartFigure
            key={question.text}
            title={question.text}
            note={
              question.mean === null
                ? `${question.answered} answered.`
                : `${question.answered} answered · mean ${shown(question.mean, 'mean')}` +
                  (question.favourable === null ? '' : ` · ${shown(question.favourable, 'share')} favourable`) +
                  changeSince(results.series?.changes?.[index])
            }
            chart={
              <BarChart
                title={question.text}
                bars={question.bars.map((bar) => ({ label: bar.label, value: bar.count }))}
              />
            }
            table={
              <DataTable
                caption={question.text}
                rows={question.bars}
                rowKey={(bar) => bar.label}
                columns={[
                  { header: 'Answer', cell: (bar) => bar.label },
                  { header: 'People', cell: (bar) => bar.count, numeric: true },
                ]}
              />
            }
          />
        ))
      )}
      {results.series && results.series.lines.length > 0 && <TrendTable lines={results.series.lines} />}
      {results.comments && results.comments.length > 0 && (
        <section aria-label="Comments">
          <h4>Comments</h4>
          <ul>
            {results.comments.map((comment, index) => (
              <li key={index}>{comment}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** " · ▲ 0.4 since the last run", when the two runs can be compared. */
function changeSince(change: number | null | undefined): string {
  if (change === null || change === undefined) return '';
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '■';
  return ` · ${arrow} ${Math.abs(change).toFixed(1)} since the last run`;
}

/** The means of the series' last runs (those that met their threshold), a row per run and a column per question. */
function TrendTable({ lines }: { lines: PulseTrendLine[] }) {
  const runs = [...new Set(lines.flatMap((line) => line.points.map((point) => point.x)))];
  return (
    <section aria-label="Trend across runs">
      <h4>Trend across runs</h4>
      <DataTable
        caption="Mean per question over the last runs"
        rows={runs}
        rowKey={(run) => run}
        columns={[
          { header: 'Run', cell: (run) => run },
          ...lines.map((line) => ({
            header: line.legend,
            cell: (run: string) => shown(line.points.find((point) => point.x === run)?.y, 'mean'),
            numeric: true,
          })),
        ]}
      />
    </section>
  );
}
