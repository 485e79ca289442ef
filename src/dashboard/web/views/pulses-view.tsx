import { Button, Title2 } from '@fluentui/react-components';
import { useState } from 'react';
import type { DashboardPulseDetail, DashboardPulseItem, DashboardPulseList } from '../../api-types';
import { DataTable } from '../components/data-table';
import { Section } from '../components/section';
import { Failure, Loading } from '../components/status';
import type { ViewProps } from '../dashboard';
import { useApi } from '../use-api';
import { PulseResults } from './pulse-results';

const STATUS: Record<DashboardPulseItem['status'], string> = {
  open: 'Open',
  closed: 'Closed',
  cancelled: 'Not sent (too few people)',
};

/** The pulses the person may see: the list, and the results of the one they open. */
export default function PulsesView(props: ViewProps) {
  const { api, me } = props;
  const list = useApi(() => api.get<DashboardPulseList>('pulses'), 'pulses');
  const [openId, setOpenId] = useState<string>();
  const teamName = (id: string) => me.teams.find((team) => team.id === id)?.name ?? 'Team or group chat';
  return (
    <>
      <Title2 as="h2">Pulses</Title2>
      {list.state === 'loading' && <Loading what="the pulses" />}
      {list.state === 'error' && <Failure failure={list.failure} retry={list.retry} />}
      {list.state === 'ready' && (
        <Section title="Recent pulses">
          <DataTable
            caption="Pulses, newest first"
            rows={list.data.pulses}
            rowKey={(pulse) => pulse.pulseId}
            empty="No pulse yet. A manager starts one in chat by typing “pulse” in a team or group chat."
            columns={[
              { header: 'Pulse', cell: (pulse) => pulse.title },
              { header: 'Sent to', cell: (pulse) => teamName(pulse.teamId) },
              { header: 'Status', cell: (pulse) => STATUS[pulse.status] },
              { header: 'Deadline', cell: (pulse) => pulse.deadlineText },
              { header: 'Responses', cell: (pulse) => `${pulse.responses} of ${pulse.recipients}`, numeric: true },
              {
                header: 'Results',
                cell: (pulse) => (
                  <Button
                    size="small"
                    aria-pressed={openId === pulse.pulseId}
                    aria-label={`Results of “${pulse.title}”`}
                    onClick={() => setOpenId(pulse.pulseId)}
                  >
                    Results
                  </Button>
                ),
              },
            ]}
          />
        </Section>
      )}
      {openId && <PulseDetail key={openId} viewProps={props} pulseId={openId} />}
    </>
  );
}

function PulseDetail({ viewProps, pulseId }: { viewProps: ViewProps; pulseId: string }) {
  const detail = useApi(
    () => viewProps.api.get<DashboardPulseDetail>(`pulses/${encodeURIComponent(pulseId)}`),
    pulseId,
  );
  if (detail.state === 'loading') return <Loading what="the results" />;
  if (detail.state === 'error') return <Failure failure={detail.failure} retry={detail.retry} />;
  const { pulse, results } = detail.data;
  return (
    <Section title={`Results: ${pulse.title}`}>
      {results === null ? (
        <p>{`The results are shown once the pulse closes (${pulse.deadlineText}).`}</p>
      ) : (
        <PulseResults results={results} />
      )}
    </Section>
  );
}
