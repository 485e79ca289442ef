export interface BenchOptions {
  /** Simulated users completing the questionnaire at the same time. */
  users: number;
  /** Turns sent to the echo bot, spread over the same number of concurrent users. */
  echoTurns: number;
  /** Also run one user alone against each bot, with a per-turn Cosmos breakdown. */
  solo: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [--users 50] [--echo-turns 2000] [--no-solo]

  --users N        simulated users completing the questionnaire concurrently (default 50)
  --echo-turns N   turns sent to the echo bot by the same number of concurrent users (default 2000)
  --no-solo        skip the single-user run and its per-turn Cosmos breakdown`;

const DEFAULTS: BenchOptions = { users: 50, echoTurns: 2000, solo: true, help: false };

/** Reads the command-line flags; throws with a readable message on anything it does not know. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = (): number => {
      const raw = inline ?? argv[(i += 1)];
      const parsed = Number(raw);
      if (raw === undefined || !Number.isInteger(parsed) || parsed < 1)
        throw new Error(`${flag} needs a positive whole number`);
      return parsed;
    };
    switch (flag) {
      case '--users':
        options.users = value();
        break;
      case '--echo-turns':
        options.echoTurns = value();
        break;
      case '--no-solo':
        options.solo = false;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}\n\n${USAGE}`);
    }
  }
  return options;
}
