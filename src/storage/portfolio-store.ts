import { createHash, randomBytes } from 'node:crypto';
import type { Container, Item } from '@azure/cosmos';
import { PORTFOLIO_PARTITION, type PortfolioDoc, type PortfolioEditsDoc, type PortfolioStore } from './ports/portfolio';
import type { Versioned } from './ports';
import { withoutSystemFields } from './system-fields';

type Stored<T> = T & { _etag?: string };

/** The stored portfolios (organisation and teams) and the tenant's edits, in one partition of the aggregates container. */
export class CosmosPortfolioStore implements PortfolioStore {
  constructor(private readonly container: Container) {}

  async read(tenantId: string, teamId?: string): Promise<Versioned<PortfolioDoc> | undefined> {
    return versioned(await this.item(tenantId, portfolioId(teamId)).read<Stored<PortfolioDoc>>());
  }

  async write(doc: PortfolioDoc, etag: string | undefined): Promise<boolean> {
    return conditional(() =>
      etag === undefined
        ? this.container.items.create(doc)
        : this.item(doc.tenantId, doc.id).replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } }),
    );
  }

  async edits(tenantId: string): Promise<Versioned<PortfolioEditsDoc>> {
    const item = this.item(tenantId, EDITS_ID);
    const found = versioned(await item.read<Stored<PortfolioEditsDoc>>());
    if (found) return found;
    const fresh: PortfolioEditsDoc = {
      id: EDITS_ID,
      type: 'portfolio-edits',
      tenantId,
      questionId: PORTFOLIO_PARTITION,
      salt: randomBytes(24).toString('base64url'),
      edits: [],
    };
    // Two first readers: one creates, the other reads what it made.
    await conditional(() => this.container.items.create(fresh));
    const made = versioned(await item.read<Stored<PortfolioEditsDoc>>());
    if (!made) throw new Error('the portfolio edits could not be created');
    return made;
  }

  async writeEdits(doc: PortfolioEditsDoc, etag: string): Promise<boolean> {
    return conditional(() =>
      this.item(doc.tenantId, EDITS_ID).replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } }),
    );
  }

  private item(tenantId: string, id: string): Item {
    return this.container.item(id, [tenantId, PORTFOLIO_PARTITION]);
  }
}

const EDITS_ID = 'portfolio-edits';

/** `portfolio|organisation`, or a team's with a hash of its id (Teams ids hold characters ids may not). */
export function portfolioId(teamId?: string): string {
  if (teamId === undefined) return 'portfolio|organisation';
  return `portfolio|team-${createHash('sha256').update(teamId).digest('base64url').slice(0, 22)}`;
}

function versioned<T extends object>(response: { resource?: Stored<T> }): Versioned<T> | undefined {
  const { resource } = response;
  return resource ? { doc: withoutSystemFields(resource), etag: resource._etag ?? '' } : undefined;
}

/** Runs a conditional write: true when it was stored, false when another writer came first (409 or 412). */
async function conditional(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    const code = (error as { code?: number }).code;
    if (code === 409 || code === 412 || code === 404) return false;
    throw error;
  }
}
