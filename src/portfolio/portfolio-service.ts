import type { AuditTrail } from '../audit/audit-trail';
import type { CardRenderer } from '../cards/card-renderer';
import type { PortfolioMatrixView } from '../cards/portfolio-view-models';
import type { Reply } from '../cards/reply';
import type { ContentPack } from '../content/types';
import type { Person } from '../domain/person';
import type { Access } from '../leadership/access';
import type { Logger } from '../logging/logger';
import type { PortfolioCommand } from '../leadership/leader-commands';
import type { PortfolioEditChange, PortfolioStore } from '../storage/ports';
import { groupNamed, readEditSubmit } from './edit-input';
import type { GroupFigure, PortfolioFigures } from './portfolio-figures';
import type { PortfolioReader } from './portfolio-reader';
import { matrixView, portfolioEditView, portfolioLabels, portfolioView, type PortfolioLabels } from './portfolio-view';

export interface PortfolioServiceDeps {
  pack: ContentPack;
  /** Undefined when the content pack has no use-case question to build a portfolio from. */
  reader: PortfolioReader | undefined;
  portfolios: Pick<PortfolioStore, 'edits' | 'writeEdits'>;
  cards: CardRenderer;
  audit: AuditTrail;
  logger: Logger;
  clock: () => Date;
}

/** What an edit came to: stored, or refused with a reason (nothing changed). */
export type EditOutcome =
  | { ok: true }
  | {
      ok: false;
      refusal: 'forbidden' | 'unavailable' | 'unknown group' | 'invalid' | 'conflict';
      message: string;
      group?: GroupFigure;
      figures?: PortfolioFigures;
    };

/** The portfolio's figures with the pack's names for approaches and metrics, and the card's matrix. */
export interface PortfolioData {
  figures: PortfolioFigures;
  labels: PortfolioLabels;
  matrix: PortfolioMatrixView;
}

/** Where the portfolio is asked for: 1:1 (the organisation's), or a team's channel (that team's, for its members). */
export type PortfolioScope =
  { kind: 'organisation' } | { kind: 'team'; teamId: string; teamName: string; member: boolean };

/** The most edits a tenant keeps; beyond, new ones are refused (each is applied on every read). */
export const EDITS_KEPT = 500;
const ATTEMPTS = 3;

const TITLE = 'Use-case portfolio';
const LEADERS_ONLY =
  'The use-case portfolio is for leaders. Type **summary** for your own card, with the use cases you proposed.';
const MEMBERS_ONLY = 'A team’s portfolio is for its members: write to me in one of the team’s channels first.';
const NO_PORTFOLIO = 'This questionnaire asks for no use cases, so there is no portfolio to show.';
const UNREADABLE = 'The portfolio could not be read just now. Please try again in a minute.';
const EDIT_IN_CHAT = 'Edits to the portfolio are made in a 1:1 chat with me: type **portfolio** there.';

/**
 * The organisation's use-case portfolio for leaders (botbuilder-free): the card, its pages, and the edits leaders make
 * to its groups (organisation-wide: they apply to every team's portfolio too). Who may see and change what is decided
 * here, for every request; every view and edit is audited.
 */
export class PortfolioService {
  private readonly labels: PortfolioLabels;

  constructor(private readonly deps: PortfolioServiceDeps) {
    this.labels = portfolioLabels(deps.pack);
  }

  /** A portfolio command, from a 1:1 chat (`personal`) or a shared one. */
  respond(person: Person, access: Access, command: PortfolioCommand, scope: PortfolioScope, personal: boolean) {
    switch (command.kind) {
      case 'portfolio':
        return this.show(person, access, scope, command.page);
      case 'portfolio edit':
        return this.editCard(person, access, personal, command.group);
      case 'portfolio save':
        return this.save(person, access, personal, command.value);
    }
  }

  /** `portfolio` (page 1), `portfolio all` (page 2 on) or the Next page button. */
  async show(person: Person, access: Access, scope: PortfolioScope, page: number): Promise<Reply[]> {
    if (!access.leader) return [LEADERS_ONLY];
    if (scope.kind === 'team' && !scope.member) return [MEMBERS_ONLY];
    const { reader } = this.deps;
    if (!reader) return [NO_PORTFOLIO];
    // A team's card is posted in its channel, where more than leaders read: without the words shared with leaders.
    const figures =
      scope.kind === 'team'
        ? await this.figuresFor(reader, person.tenantId, scope.teamId, false)
        : await this.figuresFor(reader, person.tenantId, undefined, true);
    if (!figures) return [UNREADABLE];
    await this.deps.audit.record(person.tenantId, {
      action: 'portfolio.viewed',
      actor: person.userId,
      ...(scope.kind === 'team'
        ? { scope: 'team', teamId: scope.teamId, teamName: scope.teamName }
        : { scope: 'organisation' }),
    });
    const view = portfolioView(figures, this.labels, {
      title: TITLE,
      ...(scope.kind === 'team' ? { teamName: scope.teamName } : {}),
      page,
      canEdit: scope.kind === 'organisation',
      wordsHidden: scope.kind === 'team',
    });
    return [this.deps.cards.portfolio(view)];
  }

  /** The Edit button of a group: its edit card (1:1, leaders only). */
  async editCard(person: Person, access: Access, personal: boolean, groupKey: unknown): Promise<Reply[]> {
    const checked = await this.editable(person, access, personal);
    if (typeof checked === 'string') return [checked];
    const group = groupNamed(checked, groupKey);
    if (!group) return ['That group is no longer in the portfolio as shown. Type **portfolio** to see it now.'];
    return [this.deps.cards.portfolioEdit(portfolioEditView(checked, group))];
  }

  /** Save on the edit card: checked against the portfolio as it is now, stored, audited (never with the name typed). */
  async save(person: Person, access: Access, personal: boolean, value: Record<string, unknown>): Promise<Reply[]> {
    const outcome = await this.edit(person, access, personal, value);
    if (!outcome.ok)
      return outcome.group && outcome.figures
        ? [this.deps.cards.portfolioEdit(portfolioEditView(outcome.figures, outcome.group, outcome.message))]
        : [outcome.message];
    return [
      'Saved. Here is the portfolio with your change:',
      ...(await this.show(person, access, { kind: 'organisation' }, 1)),
    ];
  }

  /**
   * A leader's edit of one group (the edit card's Save, or the dashboard's): the same checks, store and audit; on a
   * refusal nothing is changed and `refusal` says why (`group` and `figures` when the group was found).
   */
  async edit(person: Person, access: Access, personal: boolean, value: Record<string, unknown>): Promise<EditOutcome> {
    const checked = await this.editable(person, access, personal);
    if (typeof checked === 'string')
      return { ok: false, refusal: checked === UNREADABLE ? 'unavailable' : 'forbidden', message: checked };
    const input = readEditSubmit(checked, value);
    if (!input.ok)
      return input.group
        ? { ok: false, refusal: 'invalid', message: input.error, group: input.group, figures: checked }
        : { ok: false, refusal: 'unknown group', message: input.error };
    const stored = await this.append(person.tenantId, input.edits);
    if (stored !== 'stored') return { ok: false, refusal: 'conflict', message: stored };
    for (const edit of input.edits)
      await this.deps.audit.record(person.tenantId, {
        action: 'portfolio.edited',
        actor: person.userId,
        scope: 'organisation',
        detail: edit.kind === 'status' ? `status ${edit.status}` : edit.kind,
      });
    return { ok: true };
  }

  /**
   * The portfolio as data for a leader (the dashboard, seen by them alone: with the words shared with leaders), the
   * organisation's or a team's; the view is audited. Otherwise why there is none.
   */
  async data(
    person: Person,
    access: Access,
    teamId?: string,
  ): Promise<PortfolioData | 'forbidden' | 'no portfolio' | 'unavailable'> {
    if (!access.leader) return 'forbidden';
    const { reader } = this.deps;
    if (!reader) return 'no portfolio';
    const figures = await this.figuresFor(reader, person.tenantId, teamId, true);
    if (!figures) return 'unavailable';
    await this.deps.audit.record(person.tenantId, {
      action: 'portfolio.viewed',
      actor: person.userId,
      ...(teamId ? { scope: 'team', teamId } : { scope: 'organisation' }),
    });
    return { figures, labels: this.labels, matrix: matrixView(figures, true) };
  }

  /**
   * The matrix for the organisation's leader card (undefined without use cases in the pack); groups named by their
   * shared words only `personal`ly (1:1), as the card may be posted in a channel.
   */
  async matrix(tenantId: string, personal: boolean): Promise<PortfolioMatrixView | undefined> {
    // The card goes out without the matrix rather than not at all when the portfolio cannot be read.
    const { reader } = this.deps;
    const figures = reader && (await this.figuresFor(reader, tenantId, undefined, personal));
    return figures && matrixView(figures, personal);
  }

  /** The organisation's portfolio for the export, with the names of approaches and metrics. */
  async forExport(tenantId: string): Promise<{ figures: PortfolioFigures; labels: PortfolioLabels } | undefined> {
    const figures = await this.deps.reader?.figures(tenantId);
    return figures && { figures, labels: this.labels };
  }

  /**
   * The figures of the organisation (no team) or a team, with shared words only where `titles`; undefined (logged) when
   * the portfolio cannot be read.
   */
  private figuresFor(
    reader: PortfolioReader,
    tenantId: string,
    teamId: string | undefined,
    titles: boolean,
  ): Promise<PortfolioFigures | undefined> {
    return reader.figures(tenantId, teamId, titles).catch((error: unknown) => {
      // The error's name only: a message could quote a document.
      this.deps.logger.warn('portfolio.unreadable', {
        tenantId,
        error: error instanceof Error ? error.name : typeof error,
      });
      return undefined;
    });
  }

  private async editable(person: Person, access: Access, personal: boolean): Promise<PortfolioFigures | string> {
    if (!access.leader) return LEADERS_ONLY;
    if (!personal) return EDIT_IN_CHAT;
    const { reader } = this.deps;
    if (!reader) return NO_PORTFOLIO;
    return (await this.figuresFor(reader, person.tenantId, undefined, true)) ?? UNREADABLE;
  }

  /** Appends the edits to the tenant's list, conditionally; a concurrent edit is read and the append tried again. */
  private async append(tenantId: string, edits: PortfolioEditChange[]): Promise<'stored' | string> {
    const at = this.deps.clock().toISOString();
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const { doc, etag } = await this.deps.portfolios.edits(tenantId);
      if (doc.edits.length + edits.length > EDITS_KEPT)
        return `The portfolio holds ${EDITS_KEPT} edits already, the most it keeps: nothing was changed.`;
      const next = { ...doc, edits: [...doc.edits, ...edits.map((edit) => ({ ...edit, at }))] };
      if (await this.deps.portfolios.writeEdits(next, etag)) return 'stored';
    }
    return 'Someone else was editing the portfolio at the same moment: nothing was changed. Please save again.';
  }
}
