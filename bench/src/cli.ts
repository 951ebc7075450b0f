import { execFileSync } from 'node:child_process';

/** The value after `--name` on the command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Whether `--name` is on the command line. */
export const flag = (name: string) => process.argv.includes(`--${name}`);

/** A logger prefixing each line with `[tag HH:MM:SS]`. */
export const logger = (tag: string) => (m: string) =>
  console.log(`[${tag} ${new Date().toISOString().slice(11, 19)}] ${m}`);

/** The machine's load, as `uptime` words it: "load average: 1.00, 2.00, 3.00". */
export const loadAverage = () =>
  execFileSync('uptime')
    .toString()
    .trim()
    .replace(/^.*load/, 'load');

/** Runs a script's `main`, exiting 0 when it is done (open handles or not), 1 on its error. */
export function runMain(main: () => Promise<unknown>): void {
  main().then(
    () => process.exit(0),
    error => {
      console.error(error);
      process.exit(1);
    },
  );
}
