/** A command-line flag of a script: one that takes a whole number, or one that is only present or absent. */
export type FlagSpec = { kind: 'number'; minimum: number; set(value: number): void } | { kind: 'switch'; set(): void };

/** Applies `--flag N`, `--flag=N` and `--switch` arguments; throws a readable message on anything unknown. */
export function readFlags(argv: readonly string[], flags: Record<string, FlagSpec>, usage: string): void {
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const spec = flags[flag];
    if (!spec) throw new Error(`unknown option ${argv[i]}\n\n${usage}`);
    if (spec.kind === 'switch') {
      spec.set();
      continue;
    }
    const raw = inline ?? argv[(i += 1)];
    const parsed = Number(raw);
    if (raw === undefined || !Number.isInteger(parsed) || parsed < spec.minimum)
      throw new Error(`${flag} needs a whole number of at least ${spec.minimum}`);
    spec.set(parsed);
  }
}
