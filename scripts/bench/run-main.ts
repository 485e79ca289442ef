/** A progress line on stderr, so the figures on stdout stay clean. */
export function progress(step: string): void {
  process.stderr.write(`… ${step}\n`);
}

/** Runs a script's `main`: its result is the exit code; a throw prints the stack and exits 1 (once idle). */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exitCode = 1;
    },
  );
}
