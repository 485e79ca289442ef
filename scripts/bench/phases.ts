import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { messageTexts } from './card-reader';
import { completeQuestionnaire, type UserRun } from './simulated-user';
import { TurnClient, type TurnHooks } from './turn-client';

export interface LoadResult {
  latencies: number[];
  wallMs: number;
  /** Problems that are not about a single answer: thrown errors, wrong replies. */
  errors: string[];
}

export interface QuestionnaireLoad extends LoadResult {
  users: { userId: string; run: UserRun }[];
}

/** Where the load goes: the bot's URL and the keep-alive agent whose connections the phases share. */
export interface Target {
  url: string;
  agent: Agent;
  /** The Authorization header per request, when the bot has authentication on. */
  authorization?: () => string;
  /** Waits until the bot has written what its turns left behind them (its counters). */
  settle?: () => Promise<unknown>;
}

/** `users` simulated users complete the questionnaire at the same time. */
export async function questionnaireLoad(
  target: Target,
  tenantId: string,
  users: number,
  hooks: TurnHooks = {},
): Promise<QuestionnaireLoad> {
  const latencies: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: users }, async (_, index) => {
      const userId = randomUUID();
      const client = new TurnClient(
        target.agent,
        target.url,
        userId,
        tenantId,
        {
          think: hooks.think,
          before: hooks.before,
          after: (result) => {
            latencies.push(result.ms);
            hooks.after?.(result);
          },
        },
        target.authorization,
      );
      try {
        return { userId, run: await completeQuestionnaire(client, index) };
      } catch (error) {
        errors.push(`user ${index}: ${(error as Error).stack ?? String(error)}`);
        return undefined;
      }
    }),
  );
  const wallMs = performance.now() - started;
  return { latencies, wallMs, errors, users: outcomes.filter((outcome) => outcome !== undefined) };
}

/** `users` users send `turns` text messages in all to the echo bot, each waiting for its reply before the next. */
export async function echoLoad(target: Target, tenantId: string, users: number, turns: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, index) => {
      const client = new TurnClient(target.agent, target.url, randomUUID(), tenantId, {
        after: (result) => latencies.push(result.ms),
      });
      const mine = Math.floor(turns / users) + (index < turns % users ? 1 : 0);
      for (let turn = 0; turn < mine; turn += 1) {
        const text = `hello ${index}.${turn}`;
        try {
          const reply = await client.say(text);
          if (reply.status !== 200 || !messageTexts(reply.activities).includes(`Echo: ${text}`)) {
            errors.push(
              `echo user ${index}: HTTP ${reply.status}, replies ${JSON.stringify(messageTexts(reply.activities))}`,
            );
            return;
          }
        } catch (error) {
          errors.push(`echo user ${index}: ${(error as Error).message}`);
          return;
        }
      }
    }),
  );
  const wallMs = performance.now() - started;
  return { latencies, wallMs, errors };
}

/** Opens a connection per user and sends one "help" each, so the measured phase starts with warm connections. */
export async function openConnections(target: Target, tenantId: string, users: number): Promise<void> {
  await Promise.all(
    Array.from({ length: users }, () => new TurnClient(target.agent, target.url, randomUUID(), tenantId).say('help')),
  );
}
