/**
 * Test harness for the Microsoft 365 Agents Playground (the local Teams stand-in): starts its CLI against a bot
 * endpoint and drives its web UI in headless Debian Chromium through playwright-core, fully offline.
 *
 * Selectors were read off playground 0.2.28; the UI ships Fluent UI classes with hashed names, so the harness
 * keys on roles, aria-labels and the Adaptive Cards renderer's `ac-*` classes only.
 */
import { existsSync } from 'fs';
import { Browser, BrowserContext, Locator, Page, chromium } from 'playwright-core';
import { PLAYGROUND_DEFAULTS } from '../../src/local/playground-defaults';

export { startPlayground, type Playground, type StartPlaygroundOptions } from '../../src/local/playground';
export { PLAYGROUND_DEFAULTS };
export const CHROMIUM_PATH = '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------------------------
// Browser side

export type ConversationKind = 'personal' | 'group' | 'channel';

export interface OpenPlaygroundPageOptions {
  /** The bot's display name in the playground (its config's `bot.name`). */
  botName?: string;
  /** Default timeout of every wait and action, in ms. */
  timeoutMs?: number;
}

export interface SendMessageOptions {
  /** @mention the bot first; default true outside personal chat, where the playground (like Teams) only
   *  delivers messages that mention the bot. */
  mentionBot?: boolean;
}

/** Selectors read off the playground UI (0.2.28). */
export const SELECTORS = {
  /** Lexical editor of the chat send box, or of a channel's "Start a new post" box (the first one on the page). */
  composer: '[role="textbox"][contenteditable="true"]',
  /** One bot message, in chats and in channel threads: the element whose child holds the bot's avatar. */
  botMessage: (botName: string): string => `div:has(> div > [role="img"][aria-label=${JSON.stringify(botName)}])`,
  /** Top-level Adaptive Cards (not the nested card of an Action.ShowCard). */
  card: '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)',
  /** Label + control of one card input (the renderer's `label` option). */
  cardInput: 'div:has(> label.ac-richTextBlock):has(> .ac-input-container)',
} as const;

/** Headless Debian Chromium, offline: no background traffic, no QUIC. */
export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** True for loopback hosts only; everything else is aborted (the UI asks for web fonts and a CDN script). */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

type TextMatcher = string | RegExp;

interface WaitArgs {
  selector: string;
  from: number;
  text?: string;
  source?: string;
  flags?: string;
}

/** Runs in the browser (kept as a string so coverage instrumentation cannot break it): index of the first element
 *  at or after `from` whose whitespace-normalised innerText matches, plus one; 0 means "not yet". Playwright
 *  evaluates a string as an expression, so callers wrap it as `(FIND_NEW_MATCH)(args)`. */
const FIND_NEW_MATCH = `(args) => {
  const nodes = Array.from(document.querySelectorAll(args.selector));
  const pattern = args.source === undefined ? undefined : new RegExp(args.source, args.flags);
  for (let i = args.from; i < nodes.length; i++) {
    const text = (nodes[i].innerText || '').replace(/\\s+/g, ' ').trim();
    if (pattern ? pattern.test(text) : text.includes(args.text ?? '')) return i + 1;
  }
  return 0;
}`;

/** What a card on the page offers a person: its text, inputs to fill in and buttons to press. */
export interface CardOnPage {
  text: string;
  inputs: number;
  buttons: string[];
}

/** Runs in the browser, like FIND_NEW_MATCH: the CardOnPage of every element matching the selector. */
const CARDS_ON_PAGE = `(selector) => Array.from(document.querySelectorAll(selector)).map((card) => ({
  text: (card.innerText || '').replace(/\\s+/g, ' ').trim(),
  inputs: card.querySelectorAll('input, textarea, select, [role="combobox"]').length,
  buttons: Array.from(card.querySelectorAll('button, [role="button"]'))
    .map((button) => (button.innerText || button.getAttribute('aria-label') || '').trim())
    .filter((title) => title !== ''),
}))`;

const countExpression = (selector: string): string => `document.querySelectorAll(${JSON.stringify(selector)}).length`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class PlaygroundPage {
  private kind: ConversationKind = 'personal';
  private baseline = { messages: 0, cards: 0 };
  /** Non-loopback URLs the page tried to reach (all aborted). */
  readonly blockedRequests: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    readonly botName: string,
    private readonly timeoutMs: number,
  ) {}

  /** Use {@link openPlaygroundPage}. */
  static async open(url: string, options: OpenPlaygroundPageOptions = {}): Promise<PlaygroundPage> {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install -y chromium)`);
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const timeoutMs = options.timeoutMs ?? 15_000;
      context.setDefaultTimeout(timeoutMs);
      const ui = new PlaygroundPage(
        await context.newPage(),
        browser,
        context,
        options.botName ?? PLAYGROUND_DEFAULTS.bot.name,
        timeoutMs,
      );
      await context.route('**/*', async (route) => {
        const requested = new URL(route.request().url());
        if (isLoopbackUrl(requested)) return route.continue();
        ui.blockedRequests.push(requested.href);
        return route.abort('blockedbyclient');
      });
      await context.routeWebSocket(
        (requested) => !isLoopbackUrl(requested),
        (socket) => socket.close(),
      );
      await ui.page.goto(url);
      await ui.composer().waitFor();
      return ui;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /** Locator of every bot message in the open conversation, oldest first. */
  botMessages(): Locator {
    return this.page.locator(SELECTORS.botMessage(this.botName));
  }

  /** The newest top-level Adaptive Card on the page (lazy: resolved at each use). */
  lastCard(): Locator {
    return this.page.locator(SELECTORS.card).last();
  }

  /**
   * Types `text` into the open conversation and sends it (in a channel: as a new post). Bot replies that
   * `waitForBotText`/`waitForCard` look for are the ones that arrive after this call starts.
   */
  async sendMessage(text: string, options: SendMessageOptions = {}): Promise<void> {
    await this.markBaseline();
    const composer = this.composer();
    await composer.click();
    if (options.mentionBot ?? this.kind !== 'personal') {
      // Only the typeahead creates a real mention (an `<at>` tag plus a mention entity); typed "@name" text does not.
      await this.page.keyboard.type(`@${this.botName.slice(0, 4)}`);
      // The item's accessible name repeats the name (avatar label + text), so match on its text instead.
      await this.page
        .getByRole('menuitem')
        .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(this.botName)}\\s*$`) })
        .click();
      await this.page.keyboard.insertText(' ');
    }
    await this.page.keyboard.insertText(text);
    const send =
      this.kind === 'channel'
        ? this.page.getByRole('button', { name: 'Post', exact: true })
        : this.page.getByRole('button', { name: 'Send Message', exact: true });
    await send.first().click();
  }

  /**
   * Waits for a bot message, newer than the last send/click/switch, whose text contains `text` (or matches the
   * RegExp; whitespace is collapsed to single spaces first) and returns it.
   */
  async waitForBotText(text: TextMatcher, options: { timeoutMs?: number } = {}): Promise<Locator> {
    return this.waitForNew(SELECTORS.botMessage(this.botName), this.baseline.messages, text, options.timeoutMs);
  }

  /** Waits for an Adaptive Card newer than the last send/click/switch (optionally containing `text`). */
  async waitForCard(text: TextMatcher = '', options: { timeoutMs?: number } = {}): Promise<Locator> {
    return this.waitForNew(SELECTORS.card, this.baseline.cards, text, options.timeoutMs);
  }

  /**
   * Waits for a card anywhere in the conversation, old or new, whose text contains `text` (or matches the RegExp):
   * for a message the bot updated in place.
   */
  async waitForAnyCard(text: TextMatcher, options: { timeoutMs?: number } = {}): Promise<Locator> {
    return this.waitForNew(SELECTORS.card, 0, text, options.timeoutMs);
  }

  /**
   * Every top-level card on the page, oldest first: its text (whitespace collapsed), how many inputs a person could
   * fill in, and the titles of its buttons.
   */
  async cardsOnPage(): Promise<CardOnPage[]> {
    return (await this.page.evaluate(`(${CARDS_ON_PAGE})(${JSON.stringify(SELECTORS.card)})`)) as CardOnPage[];
  }

  /** Clicks the button titled `title` on the card containing `cardText` (the newest such card). */
  async clickButtonInCard(cardText: string, title: string): Promise<void> {
    const button = this.page
      .locator(SELECTORS.card)
      .filter({ hasText: cardText })
      .last()
      .getByRole('button', { name: title, exact: true })
      .filter({ visible: true });
    await button.waitFor();
    await this.markBaseline();
    await button.click();
  }

  /** Clicks the action button titled `title` on the newest card. */
  async clickCardButton(title: string): Promise<void> {
    const button = this.lastCard().getByRole('button', { name: title, exact: true }).filter({ visible: true });
    await button.waitFor();
    await this.markBaseline();
    await button.click();
  }

  /**
   * Selects a choice in the newest card's Input.ChoiceSet. Expanded sets (radios/checkboxes) match the choice's
   * title or value; compact ones (a Fluent combobox) show titles only, so match the title there. With several
   * ChoiceSets, name the one meant by its label.
   */
  async chooseInCard(titleOrValue: string, inputLabel?: string): Promise<void> {
    const card = this.lastCard();
    await card.waitFor();
    const scope = inputLabel
      ? card
          .locator(SELECTORS.cardInput)
          .filter({ has: this.page.locator('label.ac-richTextBlock', { hasText: inputLabel }) })
          .first()
      : card;

    const valueSelector = `input[value=${JSON.stringify(titleOrValue)}]:is([type="radio"], [type="checkbox"])`;
    const expanded = scope
      .getByRole('radio', { name: titleOrValue, exact: true })
      .or(scope.getByRole('checkbox', { name: titleOrValue, exact: true }))
      .or(scope.locator(valueSelector));
    if ((await expanded.count()) > 0) {
      await expanded.first().check();
      return;
    }

    const comboboxes = scope.getByRole('combobox');
    const total = await comboboxes.count();
    for (let i = 0; i < total; i++) {
      const combobox = comboboxes.nth(i);
      await combobox.click();
      const popupId = await combobox.getAttribute('aria-controls');
      if (!popupId) continue;
      // Single select pops up a listbox of options, multi-select a menu of menuitemcheckboxes.
      const popup = this.page.locator(`[id=${JSON.stringify(popupId)}]`);
      await popup.waitFor();
      const option = popup
        .getByRole('option', { name: titleOrValue, exact: true })
        .or(popup.getByRole('menuitemcheckbox', { name: titleOrValue, exact: true }));
      const found = (await option.count()) > 0;
      if (found) await option.first().click();
      if (await popup.isVisible()) await this.page.keyboard.press('Escape');
      await popup.waitFor({ state: 'hidden' });
      if (found) return;
    }
    throw new Error(`No choice "${titleOrValue}" in the newest card${inputLabel ? ` under "${inputLabel}"` : ''}`);
  }

  /** Fills the newest card's text/number input labelled `label` (a required input's " *" may be left out). */
  async fillCardInput(label: string, text: string): Promise<void> {
    const input = this.lastCard()
      .getByLabel(new RegExp(`^\\s*${escapeRegExp(label)}(\\s*\\*)?\\s*$`))
      .and(this.page.locator('input, textarea'));
    await input.first().fill(text);
  }

  /**
   * Types an ISO date into the newest card's date picker (by its placeholder) and closes the calendar it opens:
   * while that popup is open Fluent hides the rest of the card from the accessibility tree.
   */
  async fillCardDate(isoDate: string): Promise<void> {
    const date = this.lastCard().getByPlaceholder('Select a date...');
    await date.fill(isoDate);
    await date.press('Enter');
    await date.press('Escape');
    const input = await date.elementHandle();
    await this.page.waitForFunction((el) => el?.getAttribute('aria-expanded') !== 'true', input);
    if (!(await date.inputValue())) throw new Error(`The date picker did not take ${isoDate}`);
  }

  async screenshot(filePath: string): Promise<void> {
    await this.page.screenshot({ path: filePath, fullPage: true });
  }

  /**
   * Opens the personal chat, the group chat or a team channel (the built-in team has General and Announcements).
   * The first visit to each conversation in a page makes the playground send installationUpdate + conversationUpdate.
   */
  async switchTo(kind: ConversationKind, channelName = 'General'): Promise<void> {
    const item =
      kind === 'personal'
        ? this.page.getByRole('treeitem', { name: 'Personal Chat', exact: true })
        : kind === 'group'
          ? this.page.getByRole('treeitem', { name: 'Group Chat', exact: true })
          : this.page.getByRole('treeitem', { name: new RegExp(` - ${escapeRegExp(channelName)}$`) });
    await item.click();
    const ready =
      kind === 'channel'
        ? this.page.getByRole('button', { name: 'Post', exact: true })
        : this.page.getByRole('button', { name: 'Send Message', exact: true });
    await ready.first().waitFor();
    this.kind = kind;
    await this.markBaseline();
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.browser.close();
  }

  private composer(): Locator {
    return this.page.locator(SELECTORS.composer).first();
  }

  private async markBaseline(): Promise<void> {
    this.baseline = {
      messages: (await this.page.evaluate(countExpression(SELECTORS.botMessage(this.botName)))) as number,
      cards: (await this.page.evaluate(countExpression(SELECTORS.card))) as number,
    };
  }

  private async waitForNew(selector: string, from: number, text: TextMatcher, timeoutMs?: number): Promise<Locator> {
    const args: WaitArgs =
      typeof text === 'string' ? { selector, from, text } : { selector, from, source: text.source, flags: text.flags };
    try {
      const expression = `(${FIND_NEW_MATCH})(${JSON.stringify(args)})`;
      const found = await this.page.waitForFunction(expression, undefined, { timeout: timeoutMs ?? this.timeoutMs });
      const index = (await found.jsonValue()) as number;
      return this.page.locator(selector).nth(index - 1);
    } catch (error) {
      const seen = await this.page.locator(selector).allInnerTexts();
      throw new Error(
        `No new element (${selector}, after #${from}) matching ${String(text)}; on the page:\n` +
          `${seen.map((t, i) => `  #${i}: ${t.replace(/\s+/g, ' ').slice(0, 200)}`).join('\n')}\n${String(error)}`,
        { cause: error },
      );
    }
  }
}

/** Launches Debian Chromium (loopback-only network), opens the playground UI at `url` and waits for its send box. */
export function openPlaygroundPage(url: string, options: OpenPlaygroundPageOptions = {}): Promise<PlaygroundPage> {
  return PlaygroundPage.open(url, options);
}
