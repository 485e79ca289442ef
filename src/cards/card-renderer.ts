import { Template } from 'adaptivecards-templating';
import { leaderSummaryData } from './leader-summary-data';
import { myDataData, reviewData } from './list-data';
import { portfolioData, portfolioEditData } from './portfolio-data';
import type { PortfolioEditView, PortfolioView } from './portfolio-view-models';
import { answerInputData, answeredData, headerData } from './question-data';
import { rowsData } from './rows-data';
import { summaryData } from './summary-data';
import { confirmDeleteData, helpData, noticeData, welcomeData } from './simple-data';
import { pulseChannelData, pulseResponseData, pulseResultsData, pulseSetupData } from './pulse-data';
import type { PulseChannelView, PulseResponseView, PulseResultsView, PulseSetupView } from './pulse-view-models';
import { invitationChannelData, invitationData, invitationTeamsData } from './invitation-data';
import type { InvitationChannelView, InvitationTeamsView, InvitationView } from './invitation-view-models';
import { actionOwnerData, actionPlanData } from './action-data';
import type { ActionOwnerView, ActionPlanView } from './action-view-models';
import { CARD_NAMES, type CardName, findCardsDir, loadTemplates } from './template-files';
import type {
  AnsweredView,
  ConfirmDeleteView,
  HelpView,
  LeaderSummaryView,
  MyDataView,
  NoticeView,
  QuestionView,
  ReviewView,
  RowsView,
  SummaryView,
  WelcomeView,
} from './view-models';

/** An Adaptive Card ready to attach to an activity (the shape botbuilder's `Attachment` expects). */
export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: object;
}

/** Teams refuses messages from about 100 KB; stay well below. */
export const MAX_CARD_BYTES = 80_000;

/** Raised when a rendered card would be too big to send; the truncation budgets should make this impossible. */
export class CardTooLargeError extends Error {
  constructor(card: CardName, bytes: number) {
    super(`The ${card} card is ${bytes} bytes, above the ${MAX_CARD_BYTES}-byte limit`);
    this.name = 'CardTooLargeError';
  }
}

/** Renders every card of the bot from the JSON templates in `cards/`, each expanded once from checked, neutralised data. */
export class CardRenderer {
  // Parsed once: preparing a template costs ~20 times more than expanding it.
  private readonly templates: Readonly<Record<CardName, Template>>;

  constructor(cardsDir: string = findCardsDir(__dirname)) {
    const json = loadTemplates(cardsDir);
    this.templates = Object.fromEntries(CARD_NAMES.map((name) => [name, new Template(json[name])])) as Record<
      CardName,
      Template
    >;
  }

  /** Greeting, what the bot does, and Start or Resume. */
  welcome(view: WelcomeView): CardAttachment {
    return this.render('welcome', welcomeData(view));
  }

  /** The typed commands and what each does. */
  help(view: HelpView): CardAttachment {
    return this.render('help', helpData(view));
  }

  /** One rating, single-choice, multi-choice or text question. */
  question(view: QuestionView): CardAttachment {
    return this.render('question', { ...headerData(view), ...answerInputData(view.input) });
  }

  /** A repeatable-rows question: the rows so far and inputs for a new one. */
  rows(view: RowsView): CardAttachment {
    return this.render('rows', rowsData(view));
  }

  /** A question or rows card once answered: one read-only line and Edit (sent as an update of that card). */
  answered(view: AnsweredView): CardAttachment {
    return this.render('answered', answeredData(view));
  }

  /** The user's answers by section, each with Edit. */
  review(view: ReviewView): CardAttachment {
    return this.render('review', reviewData(view));
  }

  /** The ambition & metrics card: want / do not want, metrics table, readiness chart, recommendations. */
  summary(view: SummaryView): CardAttachment {
    return this.render('summary', summaryData(view));
  }

  /** Everything stored about the user, with export and delete. */
  myData(view: MyDataView): CardAttachment {
    return this.render('my-data', myDataData(view));
  }

  /** Asks before deleting all of the user's data. */
  confirmDelete(view: ConfirmDeleteView): CardAttachment {
    return this.render('confirm-delete', confirmDeleteData(view));
  }

  /** The leadership ambition & metrics card (organisation or team), built from aggregates only. */
  leaderSummary(view: LeaderSummaryView): CardAttachment {
    return this.render('leader-summary', leaderSummaryData(view));
  }

  /** The use-case portfolio: the matrix, the approaches and a page of groups of ideas, each with Edit for leaders. */
  portfolio(view: PortfolioView): CardAttachment {
    return this.render('portfolio', portfolioData(view));
  }

  /** Rename, status, merge or split one group of the portfolio. */
  portfolioEdit(view: PortfolioEditView): CardAttachment {
    return this.render('portfolio-edit', portfolioEditData(view));
  }

  /** A short message with an optional button. */
  notice(view: NoticeView): CardAttachment {
    return this.render('notice', noticeData(view));
  }

  /** Starting a pulse: questions, deadline, anonymity threshold and reminder. */
  pulseSetup(view: PulseSetupView): CardAttachment {
    return this.render('pulse-setup', pulseSetupData(view));
  }

  /** A pulse's questions in a 1:1 chat (also sent as the reminder). */
  pulseResponse(view: PulseResponseView): CardAttachment {
    return this.render('pulse-response', pulseResponseData(view));
  }

  /** The pulse card in the channel, updated in place with the count of answers. */
  pulseChannel(view: PulseChannelView): CardAttachment {
    return this.render('pulse-channel', pulseChannelData(view));
  }

  /** A closed pulse's results: per question distribution, mean and favourability, or only the count below the threshold. */
  pulseResults(view: PulseResultsView): CardAttachment {
    return this.render('pulse-results', pulseResultsData(view));
  }

  /** A 1:1 invitation to the strategy questions (Start), or a reminder to finish them (Resume). */
  invitation(view: InvitationView): CardAttachment {
    return this.render('invitation', invitationData(view));
  }

  /** An invitation campaign's channel card: invited, started, finished, each held to the threshold. */
  invitationChannel(view: InvitationChannelView): CardAttachment {
    return this.render('invitation-channel', invitationChannelData(view));
  }

  /** A leader's list of teams to invite. */
  invitationTeams(view: InvitationTeamsView): CardAttachment {
    return this.render('invitation-teams', invitationTeamsData(view));
  }

  /** Planning an action from a pulse's results: what, owner (people picker), due date, the questions it addresses. */
  actionPlan(view: ActionPlanView): CardAttachment {
    return this.render('action-plan', actionPlanData(view));
  }

  /** An action in its owner's 1:1 chat (also its reminder), with Mark done and Update while it is open. */
  actionOwner(view: ActionOwnerView): CardAttachment {
    return this.render('action-owner', actionOwnerData(view));
  }

  private render(name: CardName, data: Record<string, unknown>): CardAttachment {
    const content: object = this.templates[name].expand({ $root: data });
    const bytes = Buffer.byteLength(JSON.stringify(content), 'utf8');
    if (bytes >= MAX_CARD_BYTES) throw new CardTooLargeError(name, bytes);
    return { contentType: 'application/vnd.microsoft.card.adaptive', content };
  }
}
