import { GroupedVerticalBarChart, HorizontalBarChartWithAxis, LineChart } from '@fluentui/react-charts';

/** The chart library, loaded only when a view first draws a chart (it is most of the bundle). */

const HEIGHT = 260;
/** Room for the longest bar label at the axis font's width (about 7 px a character), within reason. */
const labelRoom = (labels: string[]) => Math.min(320, Math.max(60, ...labels.map((label) => label.length * 7 + 16)));

/** Values over time, one line per series. */
export function TrendChart(props: {
  title: string;
  series: { legend: string; points: { day: string; y: number }[] }[];
}) {
  return (
    <LineChart
      height={HEIGHT}
      data={{
        chartTitle: props.title,
        lineChartData: props.series.map((series) => ({
          legend: series.legend,
          data: series.points.map((point) => ({ x: new Date(`${point.day}T00:00:00Z`), y: point.y })),
        })),
      }}
    />
  );
}

/** One bar per label (horizontal: labels are long pack titles). */
export function BarChart(props: { title: string; bars: { label: string; value: number }[]; max?: number }) {
  return (
    <HorizontalBarChartWithAxis
      chartTitle={props.title}
      height={Math.max(120, props.bars.length * 36 + 60)}
      // The chart draws its first bar at the bottom; reversed, it reads top to bottom like its table.
      data={props.bars.map((bar) => ({ x: bar.value, y: bar.label, legend: bar.label })).reverse()}
      showYAxisLables
      xMaxValue={props.max}
      margins={{ left: labelRoom(props.bars.map((bar) => bar.label)) }}
      hideLegend
    />
  );
}

/** Groups of side-by-side bars, e.g. leaders and employees per section. */
export function GroupedBarChart(props: {
  title: string;
  groups: { name: string; values: { legend: string; value: number }[] }[];
}) {
  return (
    <GroupedVerticalBarChart
      chartTitle={props.title}
      height={HEIGHT}
      wrapXAxisLables
      data={props.groups.map((group) => ({
        name: group.name,
        series: group.values.map((value) => ({ key: value.legend, legend: value.legend, data: value.value })),
      }))}
    />
  );
}
