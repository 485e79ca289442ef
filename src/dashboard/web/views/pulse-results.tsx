import type { PulseResultsView } from '../../../cards/pulse-view-models';
import { BarChart, ChartFigure } from '../components/chart-figure';
import { DataTable, shown } from '../components/data-table';

/** A closed pulse's results, as the results card shows them: one chart and table per question, then comments. */
export function PulseResults({ results }: { results: PulseResultsView }) {
  const rate = results.responseRate === null ? '' : ` (${shown(results.responseRate, 'share')})`;
  return (
    <>
      <p>{`${results.responses} of ${results.reached} people responded${rate}.`}</p>
      {results.questions === null ? (
        <p>{`Fewer than ${results.threshold} people responded, so only the count is shown.`}</p>
      ) : (
        results.questions.map((question) => (
          <ChartFigure
            key={question.text}
            title={question.text}
            note={
              question.mean === null
                ? `${question.answered} answered.`
                : `${question.answered} answered · mean ${shown(question.mean, 'mean')}` +
                  (question.favourable === null ? '' : ` · ${shown(question.favourable, 'share')} favourable`)
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
