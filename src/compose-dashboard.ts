import type restify from 'restify';
import type { AppOptions } from './app';
import type { PulseParts } from './compose-pulses';
import type { ContentIndex } from './content/content-index';
import { ActionsBoard } from './dashboard/actions-board';
import { DashboardApi } from './dashboard/dashboard-api';
import { dashboardAuthenticator } from './dashboard/dashboard-auth';
import { registerDashboardApi } from './dashboard/dashboard-routes';
import { MineService } from './dashboard/mine-service';
import { OverlapGuard } from './leadership/overlap-guard';
import { OverviewService } from './dashboard/overview-service';
import { PulseBoard } from './dashboard/pulse-board';
import { TokenVerifier } from './dashboard/token-verifier';
import { Viewers } from './dashboard/viewer';
import type { AccessResolver } from './leadership/access';
import type { LeaderService } from './leadership/leader-service';
import type { SummaryService } from './leadership/summary-service';
import type { ReadinessSnapshots } from './leadership/snapshots/readiness-snapshots';
import type { PortfolioService } from './portfolio/portfolio-service';
import type { Containers } from './storage/cosmos';
import { CosmosActionListing } from './storage/action-listing';
import { CosmosParticipationHistory } from './storage/participation-history-store';
import { CosmosPersonReader } from './storage/person-reader';
import { CosmosPulseListing } from './storage/pulse-listing';
import { CosmosTeamDirectory } from './storage/team-directory';
import type { StrategyDocumentService } from './strategy-document/strategy-document-service';

export interface DashboardParts {
  containers: Containers;
  index: ContentIndex;
  accessOf: AccessResolver;
  leadership: LeaderService;
  portfolio: PortfolioService;
  pulse: Pick<PulseParts, 'service' | 'stores'>;
  documents: StrategyDocumentService;
  summaries: SummaryService;
  readinessHistory: Pick<ReadinessSnapshots, 'series'>;
  clock: () => Date;
}

/** The dashboard API's part of the composition root: token checks, the viewer's access, and the services behind it. */
export function composeDashboard(
  app: Pick<AppOptions, 'config' | 'logger' | 'dashboardJwksUrlFor'>,
  options: DashboardParts,
): (server: restify.Server) => void {
  const { config, logger } = app;
  const { containers, index, clock } = options;
  if (config.mode === 'production' && !config.dashboard.clientId && !config.dashboard.appIdUri)
    logger.warn('dashboard.sso-not-configured', {});
  const verifier = new TokenVerifier({
    sso: config.dashboard,
    allowedTenants: config.allowedTenants,
    jwksUrlFor: app.dashboardJwksUrlFor,
    clock,
  });
  const persons = new CosmosPersonReader(containers.users);
  const listing = new CosmosPulseListing(containers.pulses);
  const viewers = new Viewers({
    index,
    directory: config,
    accessOf: options.accessOf,
    persons,
    pulses: listing,
    teams: new CosmosTeamDirectory(containers.aggregates),
  });
  const api = new DashboardApi({
    pack: index.pack,
    thresholds: config.summaryThresholds,
    local: config.mode === 'local',
    overview: new OverviewService({
      leadership: options.leadership,
      history: new CosmosParticipationHistory(containers.tenants),
      readiness: options.readinessHistory,
      clock,
    }),
    portfolio: options.portfolio,
    pulses: new PulseBoard({ listing, pulses: options.pulse.stores.pulses, service: options.pulse.service }),
    mine: new MineService({ index, persons, botAppId: config.mode === 'local' ? '' : config.bot.appId }),
    actions: new ActionsBoard({
      actions: options.pulse.stores.actions,
      listing: new CosmosActionListing(containers.pulses),
      persons,
      pulses: listing,
      index,
      clock,
    }),
    exports: options.leadership,
    documents: options.documents,
    overlap: new OverlapGuard(options.summaries),
  });
  const authenticate = dashboardAuthenticator(config, verifier);
  return (server) => registerDashboardApi(server, { authenticate, viewers, api, logger });
}
