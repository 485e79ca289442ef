import { Button, Field, ProgressBar, Title2 } from '@fluentui/react-components';
import type { DashboardMine } from '../../api-types';
import { DataTable, shown } from '../components/data-table';
import { Section } from '../components/section';
import { Failure, Loading } from '../components/status';
import type { ViewProps } from '../dashboard';
import { useApi } from '../use-api';

/** The person's own strategy card, their progress, and the way back to the chat (seen only by them). */
export default function MineView({ api, host }: ViewProps) {
  const mine = useApi(() => api.get<DashboardMine>('mine'), 'mine');
  return (
    <>
      <Title2 as="h2">My strategy</Title2>
      {mine.state === 'loading' && <Loading what="your strategy" />}
      {mine.state === 'error' && <Failure failure={mine.failure} retry={mine.retry} />}
      {mine.state === 'ready' && <MineBody mine={mine.data} openLink={host.openLink} />}
    </>
  );
}

function MineBody({ mine, openLink }: { mine: DashboardMine; openLink: (href: string) => void }) {
  const { summary, progress, chatLink } = mine;
  return (
    <>
      <Section title="Progress">
        <Field
          label={`${progress.pathTitle}: ${progress.answered} of ${progress.questions} questions answered`}
          validationState="none"
        >
          <ProgressBar value={progress.questions === 0 ? 0 : progress.answered / progress.questions} />
        </Field>
        <DataTable
          caption="Progress by section"
          rows={progress.sections}
          rowKey={(section) => section.sectionId}
          columns={[
            { header: 'Section', cell: (section) => section.title },
            { header: 'Answered', cell: (section) => `${section.answered} of ${section.questions}`, numeric: true },
          ]}
        />
        {chatLink ? (
          <Button appearance="primary" onClick={() => openLink(chatLink)}>
            {progress.finished ? 'Open the chat with the bot' : 'Continue in the chat'}
          </Button>
        ) : (
          <p>Continue in your chat with the bot: type “start” to pick up where you left off.</p>
        )}
      </Section>
      <Section title="What I want from AI">
        <List items={summary.wants} empty="Nothing yet." />
      </Section>
      <Section title="What I do not want from AI">
        <List items={summary.doNotWants} empty="Nothing yet." />
      </Section>
      <Section title="My use cases">
        <DataTable
          caption="My use cases"
          rows={summary.useCases}
          rowKey={(useCase, index) => `${index}:${useCase.title}`}
          empty="No use case yet."
          columns={[
            { header: 'Use case', cell: (useCase) => useCase.title },
            { header: 'Details', cell: (useCase) => useCase.details },
            { header: 'Approach', cell: (useCase) => useCase.approach ?? '–' },
          ]}
        />
      </Section>
      <Section title="My success metrics">
        <DataTable
          caption="My success metrics"
          rows={summary.metrics}
          rowKey={(metric, index) => `${index}:${metric.metric}`}
          empty="No metric yet."
          columns={[
            { header: 'Goal', cell: (metric) => metric.goal },
            { header: 'Metric', cell: (metric) => metric.metric },
            { header: 'Baseline', cell: (metric) => metric.baseline },
            { header: 'Target', cell: (metric) => metric.target },
            { header: 'By when', cell: (metric) => metric.byWhen },
          ]}
        />
      </Section>
      <Section title="My readiness ratings">
        <DataTable
          caption="My readiness by section"
          rows={summary.readiness}
          rowKey={(row) => row.section}
          columns={[
            { header: 'Section', cell: (row) => row.section },
            { header: 'Mean (1–5)', cell: (row) => shown(row.mean, 'mean'), numeric: true },
            { header: 'Stage', cell: (row) => row.stage },
          ]}
        />
        {summary.recommendations.length > 0 && <List items={summary.recommendations} />}
      </Section>
    </>
  );
}

function List({ items, empty }: { items: string[]; empty?: string }) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul>
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}
