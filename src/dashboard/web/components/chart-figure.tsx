import { Spinner, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useId, useState, type ReactNode } from 'react';

export const TrendChart = lazy(() => import('./charts').then((module) => ({ default: module.TrendChart })));
export const BarChart = lazy(() => import('./charts').then((module) => ({ default: module.BarChart })));
export const GroupedBarChart = lazy(() => import('./charts').then((module) => ({ default: module.GroupedBarChart })));

const useStyles = makeStyles({
  figure: { margin: `${tokens.spacingVerticalL} 0` },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

/** A chart with its table alternative: a visible toggle switches between them, and the table is the same figures. */
export function ChartFigure(props: { title: string; chart: ReactNode; table: ReactNode; note?: string }) {
  const styles = useStyles();
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section className={styles.figure} aria-labelledby={`${id}-title`}>
      <div className={styles.heading}>
        <h3 id={`${id}-title`}>{props.title}</h3>
        <ToggleButton
          size="small"
          checked={asTable}
          aria-controls={`${id}-body`}
          onClick={() => setAsTable((value) => !value)}
        >
          Show as table
        </ToggleButton>
      </div>
      {props.note && <p>{props.note}</p>}
      <div id={`${id}-body`}>
        {asTable ? (
          props.table
        ) : (
          <Suspense fallback={<Spinner size="small" label="Drawing the chart…" />}>{props.chart}</Suspense>
        )}
      </div>
    </section>
  );
}
