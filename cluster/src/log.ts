/** Prints a progress line prefixed with `cluster:` (stderr keeps stdout clean for `status --json`). */
export function progress(message: string): void {
  process.stderr.write(`cluster: ${message}\n`);
}

/** An error meant for the user: printed without a stack, with an exit code. */
export class ClusterError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
