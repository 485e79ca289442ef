import type { DashboardOverview, ParticipationPoint } from '../../api-types';
import type { ThemeRegister } from '../../../leadership/theme-register';
import { BarChart, ChartFigure, GroupedBarChart, TrendChart } from '../components/chart-figure';
import { DataTable, shown } from '../components/data-table';
import { Section } from '../components/section';
import { MetricsRegister } from './metrics-register';
import { ReadinessTrend } from './readiness-trend';

/** The figures of an organisation or team overview, each chart with its table. */
export function OverviewBody({ overview }: { overview: DashboardOverview }) {
  const { figures, card, history } = overview;
  const group = figures.thresholds.group;
  const readiness = figures.readiness.filter((section) => section.mean !== null);
  const historyTable = (
    <DataTable
      caption="Participation by day"
      rows={history.points}
      rowKey={(p) => p.day}
      columns={[
        { header: 'Day', cell: (p) => p.day },
        { header: 'People', cell: (p) => shown(p.people), numeric: true },
        { header: 'Finished', cell: (p) => shown(p.completionRate, 'share'), numeric: true },
        { header: 'Mean progress', cell: (p) => shown(p.meanProgress, 'share'), numeric: true },
      ]}
    />
  );
  return (
    <>
      <Section title="Who took part">
        <ul>
          {card.participation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </Section>
      <ChartFigure
        title="Participation over time"
        note={`One point a day; days with fewer than ${group} people are not shown.`}
        chart={
          <TrendChart
            title="Participation over time"
            series={[{ legend: 'People', points: daily(history.points, (p) => p.people) }]}
          />
        }
        table={historyTable}
      />
      <ChartFigure
        title="Completion over time"
        note="Per cent of people who finished every question of their path, and of each person's questions answered on average."
        chart={
          <TrendChart
            title="Completion over time"
            series={[
              { legend: 'Finished (%)', points: daily(history.points, (p) => percent(p.completionRate)) },
              { legend: 'Mean progress (%)', points: daily(history.points, (p) => percent(p.meanProgress)) },
            ]}
          />
        }
        table={historyTable}
      />
      <ChartFigure
        title="Readiness by section"
        note="Mean rating from 1 (not started) to 5 (leading), with its stage."
        chart={
          <BarChart
            title="Readiness by section"
            bars={readiness.map((s) => ({ label: s.title, value: s.mean ?? 0 }))}
            max={5}
          />
        }
        table={
          <DataTable
            caption="Readiness by section"
            rows={figures.readiness}
            rowKey={(s) => s.sectionId}
            columns={[
              { header: 'Section', cell: (s) => s.title },
              { header: 'Mean (1–5)', cell: (s) => shown(s.mean, 'mean'), numeric: true },
              { header: 'Stage', cell: (s) => s.stage },
              { header: "Don't know", cell: (s) => shown(s.dontKnow), numeric: true },
            ]}
          />
        }
      />
      <ReadinessTrend overview={overview} />
      <Section title="Readiness by consideration">
        <DataTable
          caption="Readiness by consideration, with its stage"
          rows={figures.readiness.flatMap((s) => s.considerations.map((c) => ({ ...c, section: s.title })))}
          rowKey={(c) => c.considerationId}
          columns={[
            { header: 'Section', cell: (c) => c.section },
            { header: 'Consideration', cell: (c) => c.title },
            { header: 'Mean (1–5)', cell: (c) => shown(c.mean, 'mean'), numeric: true },
            { header: 'Stage', cell: (c) => c.stage },
          ]}
        />
      </Section>
      {figures.gaps.length === 0 ? (
        <Section title="Leaders and employees">
          <p>{`Shown once at least ${group} leaders and ${group} employees have rated the same section.`}</p>
        </Section>
      ) : (
        <ChartFigure
          title="Leaders and employees"
          note="Where leaders and employees see readiness most differently (mean ratings 1–5)."
          chart={
            <GroupedBarChart
              title="Leaders and employees"
              groups={figures.gaps.map((g) => ({
                name: g.title,
                values: [
                  { legend: 'Leaders', value: g.leaderMean },
                  { legend: 'Employees', value: g.employeeMean },
                ],
              }))}
            />
          }
          table={
            <DataTable
              caption="Leaders and employees by section"
              rows={figures.gaps}
              rowKey={(g) => g.sectionId}
              columns={[
                { header: 'Section', cell: (g) => g.title },
                { header: 'Leaders', cell: (g) => shown(g.leaderMean, 'mean'), numeric: true },
                { header: 'Employees', cell: (g) => shown(g.employeeMean, 'mean'), numeric: true },
                { header: 'Gap', cell: (g) => shown(g.gap, 'mean'), numeric: true },
              ]}
            />
          }
        />
      )}
      <Themes title="What people want from AI" register={figures.want} note={card.wantNote} />
      <Themes title="What people do not want from AI" register={figures.doNotWant} note={card.doNotWantNote} />
      {figures.written.map((register) => (
        <Themes key={register.questionId} title={register.title} register={register} />
      ))}
      <MetricsRegister goals={figures.goals} note={card.goalsNote} />
      {figures.recommendations.length > 0 && (
        <Section title="Recommendations">
          <ul>
            {figures.recommendations.map(({ id, text }) => (
              <li key={id}>{text}</li>
            ))}
          </ul>
        </Section>
      )}
      <p>{card.footnote}</p>
    </>
  );
}

/** Themes of a free-text question: people per theme as bars, and the table with example statements. */
function Themes(props: { title: string; register: ThemeRegister; note?: string }) {
  const { register } = props;
  if (!register.enough || register.themes.length === 0) {
    return (
      <Section title={props.title}>
        <p>{props.note || 'Shown once enough people have answered.'}</p>
      </Section>
    );
  }
  return (
    <ChartFigure
      title={props.title}
      note={props.note}
      chart={<BarChart title={props.title} bars={register.themes.map((t) => ({ label: t.label, value: t.people }))} />}
      table={
        <DataTable
          caption={props.title}
          rows={register.themes}
          rowKey={(t) => t.themeId}
          columns={[
            { header: 'Theme', cell: (t) => t.label },
            { header: 'People', cell: (t) => t.people, numeric: true },
            { header: 'Examples (names removed)', cell: (t) => t.quotes.join(' · ') },
          ]}
        />
      }
    />
  );
}

/** The days a figure was shown (null: below the threshold that day), as chart points. */
function daily(points: ParticipationPoint[], figure: (point: ParticipationPoint) => number | null) {
  return points.flatMap((point) => {
    const y = figure(point);
    return y === null ? [] : [{ day: point.day, y }];
  });
}

function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 100);
}
