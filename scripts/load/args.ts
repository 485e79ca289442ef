import { readFlags } from '../bench/flags';

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
  readFlags(
    argv,
    {
      '--users': { kind: 'number', minimum: 1, set: (value) => (options.users = value) },
      '--think-ms': { kind: 'number', minimum: 0, set: (value) => (options.thinkMs = value) },
      '--soak-minutes': { kind: 'number', minimum: 0, set: (value) => (options.soakMinutes = value) },
      '--soak-users': { kind: 'number', minimum: 1, set: (value) => (options.soakUsers = value) },
      '--help': { kind: 'switch', set: () => (options.help = true) },
      '-h': { kind: 'switch', set: () => (options.help = true) },
    },
    USAGE,
  );
  return options;
}
