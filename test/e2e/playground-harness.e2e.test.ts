import { existsSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { pressButton } from '../../scripts/bench/press-button';
import { EchoBot, ECHO_CARD_TITLE, echoCard, startEchoBot } from './echo-bot';
import { PLAYGROUND_DEFAULTS, Playground, PlaygroundPage, openPlaygroundPage, startPlayground } from './playground';

describe('Playground harness against an echo bot', () => {
  let bot: EchoBot;
  let playground: Playground;
  let ui: PlaygroundPage;

  beforeAll(async () => {
    bot = await startEchoBot();
    playground = await startPlayground(bot.endpoint);
    ui = await openPlaygroundPage(playground.url);
  }, 60_000);

  afterAll(async () => {
    await ui?.close();
    await playground?.close();
    await bot?.close();
  }, 30_000);

  const messages = (): EchoBot['received'] => bot.received.filter((activity) => activity.type === 'message');

  it('opens the personal chat with installationUpdate and conversationUpdate carrying Teams ids', async () => {
    await ui.waitForBotText(`Welcome, ${PLAYGROUND_DEFAULTS.user.id}`);

    const types = bot.received.map((activity) => activity.type);
    expect(types.slice(0, 2)).toEqual(['installationUpdate', 'conversationUpdate']);
    const update = bot.received[1];
    expect(update.channelId).toBe('msteams');
    expect(update.serviceUrl).toBe(playground.serviceUrl);
    expect(update.conversation).toMatchObject({
      conversationType: 'personal',
      tenantId: PLAYGROUND_DEFAULTS.tenantId,
    });
    expect(update.from).toMatchObject({
      id: PLAYGROUND_DEFAULTS.user.id,
      aadObjectId: PLAYGROUND_DEFAULTS.user.aadObjectId,
    });
    expect(update.membersAdded?.map((member) => member.id)).toEqual([
      PLAYGROUND_DEFAULTS.user.id,
      PLAYGROUND_DEFAULTS.bot.id,
    ]);
  });

  it('sends typed text and shows the reply', async () => {
    await ui.sendMessage('hello harness');
    await ui.waitForBotText('Echo: hello harness');

    const sent = messages().at(-1);
    expect(sent?.text).toBe('hello harness');
    expect(sent?.from).toMatchObject({
      id: PLAYGROUND_DEFAULTS.user.id,
      name: PLAYGROUND_DEFAULTS.user.name,
      aadObjectId: PLAYGROUND_DEFAULTS.user.aadObjectId,
    });
    expect(sent?.conversation?.tenantId).toBe(PLAYGROUND_DEFAULTS.tenantId);
    expect(sent?.channelData).toMatchObject({ tenant: { id: PLAYGROUND_DEFAULTS.tenantId } });
  });

  it('answers an Adaptive Card and sees the submitted value echoed', async () => {
    await ui.sendMessage('card');
    const card = await ui.waitForCard(ECHO_CARD_TITLE);
    expect(await card.getByRole('radio').count()).toBe(3);

    await ui.chooseInCard('Green');
    await ui.chooseInCard('Large', 'Size');
    await ui.fillCardInput('Comment', 'looks good');
    await ui.clickCardButton('Send answer');

    const expected = { kind: 'echo-answer', colour: 'green', size: 'l', comment: 'looks good' };
    await ui.waitForBotText(`Submitted: ${JSON.stringify(expected)}`);
    const submit = messages().at(-1);
    expect(submit?.text).toBeUndefined();
    expect(submit?.value).toEqual(expected);
    // The tests' model of a Teams client (press-button.ts) predicts exactly what the Playground sent.
    expect(pressButton(echoCard(), 'Send answer', { colour: 'green', size: 'l', comment: 'looks good' })).toEqual({
      sent: true,
      value: expected,
    });

    const shot = path.join(tmpdir(), 'playground-harness-card.png');
    rmSync(shot, { force: true });
    await ui.screenshot(shot);
    expect(existsSync(shot)).toBe(true);
  });

  it('does not submit a card whose required choice is empty, then submits it once answered', async () => {
    await ui.sendMessage('card');
    await ui.waitForCard(ECHO_CARD_TITLE);
    const before = messages().length;

    await ui.clickCardButton('Send answer');

    await ui.lastCard().getByText('Pick a colour').waitFor();
    expect(messages()).toHaveLength(before);
    expect(pressButton(echoCard(), 'Send answer', { comment: 'typed' })).toEqual({
      sent: false,
      blockedBy: ['colour'],
    });

    // Expanded choices can also be picked by value; the untouched compact set submits its default and the
    // playground leaves the empty text input out of `value` altogether.
    await ui.chooseInCard('blue');
    await ui.clickCardButton('Send answer');
    await ui.waitForBotText('Submitted:');
    expect(messages().at(-1)?.value).toEqual({ kind: 'echo-answer', colour: 'blue', size: 'm' });
    expect(pressButton(echoCard(), 'Send answer', { colour: 'blue' })).toEqual({
      sent: true,
      value: messages().at(-1)?.value,
    });
  });

  it('sends none of the typed inputs for a button with associatedInputs "none", even a required one left empty', async () => {
    await ui.sendMessage('card');
    await ui.waitForCard(ECHO_CARD_TITLE);
    await ui.fillCardInput('Comment', 'typed but not sent');
    await ui.clickCardButton('Not now');
    await ui.waitForBotText('Submitted:');
    expect(messages().at(-1)?.value).toEqual({ kind: 'echo-later' });
    expect(pressButton(echoCard(), 'Not now', { comment: 'typed but not sent' })).toEqual({
      sent: true,
      value: { kind: 'echo-later' },
    });
  });

  it('shows a Teams file consent card as "not supported yet", with no Allow button and no fileConsent invoke', async () => {
    await ui.sendMessage('file');
    const shown = await ui.waitForBotText('File Consent Card is not supported yet');
    await expect(shown.getByRole('button').count()).resolves.toBe(0);
    expect(bot.received.filter((activity) => activity.type === 'invoke')).toEqual([]);
  });

  it('reaches the bot in the group chat only through an @mention', async () => {
    await ui.switchTo('group');
    await ui.sendMessage('hi group');
    await ui.waitForBotText('Echo: hi group');

    const sent = messages().at(-1);
    expect(sent?.text).toBe(`<at>${PLAYGROUND_DEFAULTS.bot.name}</at> hi group`);
    expect(sent?.conversation).toMatchObject({ conversationType: 'groupChat', isGroup: true });
    expect(sent?.entities?.find((entity) => entity.type === 'mention')).toMatchObject({
      mentioned: { id: PLAYGROUND_DEFAULTS.bot.id },
    });
  });

  it('posts in a team channel and sees the reply in the thread', async () => {
    await ui.switchTo('channel');
    await ui.sendMessage('hi channel');
    await ui.waitForBotText('Echo: hi channel');

    const sent = messages().at(-1);
    expect(sent?.conversation?.conversationType).toBe('channel');
    expect(sent?.conversation?.id).toMatch(new RegExp(`^${PLAYGROUND_DEFAULTS.team.id};messageid=\\d+$`));
    expect(sent?.channelData).toMatchObject({ team: { id: PLAYGROUND_DEFAULTS.team.id } });
  });

  it('only counts replies that arrive after the last action', async () => {
    await ui.switchTo('personal');
    await expect(ui.waitForBotText('Echo: hello harness', { timeoutMs: 500 })).rejects.toThrow(/No new element/);
  });
});
