export interface LoadOptions {
  /** Simulated users completing the questionnaire at the same time. */
  users: number;
  /** Mean pause before each message, as a person reads the card and answers (uniform from half to one and a half). */
  thinkMs: number;
  /** Minutes of soak after the load phase (0: none). */
  soakMinutes: number;
  /** Users completing questionnaires at any moment during the soak. */
  soakUsers: number;
  help: boolean;
}

export const USAGE = `Usage: npm run load -- [--users 1000] [--think-ms 8000] [--soak-minutes 10] [--soak-users 50]

  --users N          simulated users completing the questionnaire at the same time (default 1000)
  --think-ms N       mean pause before each message, as a person reads and answers (default 8000; 0: none)
  --soak-minutes N   then keep new users coming for N minutes and print the memory slope (default 0: no soak)
  --soak-users N     users in flight at any moment during the soak (default 50)`;

const DEFAULTS: LoadOptions = { users: 1000, thinkMs: 8000, soakMinutes: 0, soakUsers: 50, help: false };

/** Reads the command-line flags; throws with a readable message on anything it does not know. */
export function parseLoadArgs(argv: readonly string[]): LoadOptions {
  const options: LoadOptions = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = (minimum: number): number => {
      const raw = inline ?? argv[(i += 1)];
      const parsed = Number(raw);
      if (raw === undefined || !Number.isInteger(parsed) || parsed < minimum)
        throw new Error(`${flag} needs a whole number of at least ${minimum}`);
      return parsed;
    };
    switch (flag) {
      case '--users':
        options.users = value(1);
        break;
      case '--think-ms':
        options.thinkMs = value(0);
        break;
      case '--soak-minutes':
        options.soakMinutes = value(0);
        break;
      case '--soak-users':
        options.soakUsers = value(1);
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
