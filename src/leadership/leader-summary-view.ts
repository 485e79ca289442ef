import type { PortfolioMatrixView } from '../cards/portfolio-view-models';
import type { LeaderSummaryView, ThemeLineView } from '../cards/view-models';
import type {
  ChoiceRegister,
  OrganisationSummary,
  ThemeRegister,
  ParticipationFigures,
  SectionFigure,
  Spread,
} from './organisation-summary';

/** The card's view of a summary: figures turned into short lines; nothing below the thresholds is in the summary. */
export function leaderSummaryView(
  summary: OrganisationSummary,
  options: { title: string; canExport: boolean; teamName?: string; matrix?: PortfolioMatrixView },
): LeaderSummaryView {
  const { thresholds, participation } = summary;
  const group = thresholds.group;
  const participationLines =
    participation.people === null
      ? [`Fewer than ${group} people have answered so far, so there is nothing to show yet.`]
      : [peopleLine(participation, group), groupsLine(participation.leaders, participation.employees, group)];
  const note = (entry: { enough: boolean; respondents: number | null }, hidden: number, what: string) =>
    !entry.enough
      ? `Shown once at least ${group} people have answered.`
      : `${entry.respondents === null ? `At least ${group} people` : plural(entry.respondents, 'person', 'people')} answered.${hidden > 0 ? ` ${plural(hidden, what)} not shown, to keep small groups anonymous.` : ''}`;
  const register = (entry: ThemeRegister) => ({
    lines: entry.themes.map((theme): ThemeLineView => ({
      label: theme.label,
      detail: plural(theme.people, 'person', 'people'),
      quotes: theme.quotes,
    })),
    note: note(entry, entry.hiddenThemes, 'theme'),
  });
  const counted = (entry: ChoiceRegister) => ({
    lines: entry.options.map((option) => ({ label: option.label, detail: plural(option.people, 'person', 'people') })),
    note: note(entry, entry.hiddenOptions, 'option'),
  });
  const want = register(summary.want);
  const doNotWant = register(summary.doNotWant);
  return {
    title: options.title,
    ...(options.teamName ? { teamName: options.teamName } : {}),
    participation: participationLines,
    want: want.lines,
    wantNote: want.note,
    doNotWant: doNotWant.lines,
    doNotWantNote: doNotWant.note,
    written: summary.written.map((entry) => ({ title: entry.title, ...register(entry) })),
    choices: summary.choices.map((entry) => ({ title: entry.title, ...counted(entry) })),
    goals: summary.goals.map((goal) => ({
      goal: goal.label,
      detail: `${plural(goal.people, 'person', 'people')}${goal.hiddenMetrics > 0 ? ` · ${plural(goal.hiddenMetrics, 'metric')} not shown, to keep small groups anonymous` : ''}`,
      metrics: goal.metrics.map((metric) => ({
        label: metric.label,
        detail: [
          plural(metric.people, 'person', 'people'),
          `baseline ${spreadText(metric.baseline)}`,
          `target ${spreadText(metric.target)}`,
          ...(metric.timeFrame ? [`time frame: ${metric.timeFrame}`] : []),
        ].join(' · '),
      })),
    })),
    goalsNote:
      summary.goals.length === 0
        ? `Goals appear once at least ${group} people have chosen the same one.`
        : 'Baselines and targets: the middle half of the numbers people gave; the time frame most of them chose.',
    readiness: summary.readiness.map((section) => ({
      section: section.title,
      mean: section.mean,
      stage: section.stage,
      // One line per consideration, where a section has more than one.
      considerations:
        section.considerations.length > 1
          ? section.considerations.map(
              ({ title, mean, stage }) => `${title}: ${mean === null ? '–' : mean.toFixed(1)} · ${stage}`,
            )
          : [],
      distribution: distributionLine(section),
    })),
    gaps: summary.gaps.map(
      (gap) =>
        `${gap.title}: leaders ${gap.leaderMean.toFixed(1)}, employees ${gap.employeeMean.toFixed(1)} (${signed(gap.gap)})`,
    ),
    recommendations: summary.recommendations.map(({ text }) => text),
    ...(summary.nextSteps ? { nextSteps: summary.nextSteps } : {}),
    ...(options.matrix ? { matrix: options.matrix } : {}),
    footnote: `Anonymity: every figure stands for at least ${group} people; smaller groups are left out or merged (ratings 1–2), and figures change only once at least ${group} people have changed something. Statements are grouped into themes by keyword; examples are quoted, names removed, only for themes of at least ${Math.max(group, thresholds.comments)} people.`,
    canExport: options.canExport,
  };
}

/** "+1.2", "-0.4", "0.0" (never "-0.0"). */
export function signed(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${(rounded === 0 ? 0 : rounded).toFixed(1)}`;
}

function peopleLine(participation: ParticipationFigures, group: number): string {
  const finished =
    participation.completionRate === null
      ? `the share who finished all the questions they were asked is not shown while fewer than ${group} did or did not`
      : `${percent(participation.completionRate)} finished all the questions they were asked`;
  return `${participation.people} people have answered; ${finished}, and on average ${percent(participation.meanProgress)} of each person's questions are answered.`;
}

/** "1–2: 7 · 3: 12 · 4: 9 · 5: 6 · don't know: 5"; empty when no question has enough ratings. */
function distributionLine(section: SectionFigure): string {
  if (section.bands.length === 0) return '';
  const bands = section.bands.map(({ from, to, count }) => `${from === to ? from : `${from}–${to}`}: ${count}`);
  return `${bands.join(' · ')} · don't know: ${section.dontKnow ?? 'too few to show'}`;
}

function groupsLine(leaders: number | null, employees: number | null, group: number): string {
  if (leaders !== null && employees !== null) return `${leaders} leaders and ${employees} employees.`;
  return `Leaders and employees are compared once each group has at least ${group} people.`;
}

/** The middle half of the numbers people gave, as the card shows it (the strategy document's register too). */
export function spreadText(spread: Spread | null): string {
  return spread === null ? 'too few numbers' : `${formatNumber(spread.low)}–${formatNumber(spread.high)}`;
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
