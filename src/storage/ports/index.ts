/**
 * What the features need from storage, one small interface per job; the Cosmos DB implementations live beside this
 * folder (src/storage/*.ts) and cosmosStores() (src/storage/cosmos-stores.ts) builds them for src/app.ts and the
 * scripts. The demo seeder (src/local/demo/) also uses the aggregate store's bulk writes, which no port offers.
 */
export type { AggregateDoc, AggregateStore } from './aggregates';
export type { AnswerStore } from './answers';
export type { InstanceBeat, InstanceRegistry, OwedPeople, OwedPerson } from './owed';
export type { AuditAction, AuditEntry, AuditEvent, AuditStore } from './audit';
export type {
  ActionListing,
  ActionTally,
  HistoryPoint,
  ParticipationHistoryStore,
  PersonReader,
  PulseFilter,
  PulseListing,
  TeamDirectory,
} from './dashboard';
export type { DigestDoc, DigestFrequency, DigestStore, DueDigest } from './digests';
export type { DeliveryLedger, DeliveryPage } from './ledger';
export type {
  PortfolioDoc,
  PortfolioEditChange,
  PortfolioEditsDoc,
  PortfolioStatus,
  PortfolioStore,
  PortfolioStoredGroup,
  PortfolioVariant,
  RatingSum,
  StoredPortfolioEdit,
} from './portfolio';
export { PORTFOLIO_PARTITION } from './portfolio';
export type { ActionStore } from './actions';
export type { PulseLeaseStore } from './pulse-leases';
export type { PulseResponses, ResponseOutcome } from './pulse-responses';
export type { PulseClose, PulseStore } from './pulses';
export type { SeriesStore } from './pulse-series';
export type { ReadinessHistoryStore, ReadinessPoint } from './readiness-history';
export type { Versioned } from './versioned';
export type { PulseStores } from './pulse-stores';
export type { Stores } from './stores';
export { SessionConflictError, type SessionStore, type TeamMembership } from './sessions';
export type {
  ActivityClaims,
  Claim,
  ConsentHolder,
  ConsentTake,
  ExportConsents,
  GrantedRole,
  RolesDoc,
  TenantLeases,
  TenantStore,
} from './tenants';
export type {
  CampaignStore,
  EarlierRecord,
  KnownTeam,
  NudgeSettingsStore,
  OpenCampaignOutcome,
  ParticipationStore,
} from './invitations';
