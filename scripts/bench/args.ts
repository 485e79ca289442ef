import { readFlags } from './flags';

export interface BenchOptions {
  /** Simulated users completing the questionnaire at the same time. */
  users: number;
  /** Turns sent to the echo bot, spread over the same number of concurrent users. */
  echoTurns: number;
  /** Alternating rounds of the conversation and the floor bot, at 8 users and at `users` (0 skips them). */
  floorRounds: number;
  /** Also run one user alone against each bot, with a per-turn Cosmos breakdown. */
  solo: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [--users 50] [--echo-turns 2000] [--no-solo]

  --users N        simulated users completing the questionnaire concurrently (default 50)
  --echo-turns N   turns sent to the echo bot by the same number of concurrent users (default 2000)
  --floor-rounds N alternating rounds of the conversation and the floor bot, at 8 users and at --users (default 3)
  --no-solo        skip the single-user run and its per-turn Cosmos breakdown`;

const DEFAULTS: BenchOptions = { users: 50, echoTurns: 2000, floorRounds: 3, solo: true, help: false };

/** Reads the command-line flags; throws with a readable message on anything it does not know. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULTS };
  readFlags(
    argv,
    {
      '--users': { kind: 'number', minimum: 1, set: (value) => (options.users = value) },
      '--echo-turns': { kind: 'number', minimum: 1, set: (value) => (options.echoTurns = value) },
      '--floor-rounds': { kind: 'number', minimum: 0, set: (value) => (options.floorRounds = value) },
      '--no-solo': { kind: 'switch', set: () => (options.solo = false) },
      '--help': { kind: 'switch', set: () => (options.help = true) },
      '-h': { kind: 'switch', set: () => (options.help = true) },
    },
    USAGE,
  );
  return options;
}
