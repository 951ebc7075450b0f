import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Layout } from './paths.ts';

/** Where the simulated containers' log files live (CRI log format, as a kubelet keeps them). */
export function containerLogPaths(l: Layout): {
  dir: string;
  current: string;
  previous: string;
  config: string;
} {
  const dir = join(l.home, 'container-logs');
  return {
    dir,
    current: join(dir, 'current.log'),
    previous: join(dir, 'previous.log'),
    config: join(dir, 'cluster-logs.yaml'),
  };
}

/** One line in the CRI log format the kubelet (and kwok) read: `<time> <stream> F <text>`. */
export function criLogLine(
  at: Date,
  stream: 'stdout' | 'stderr',
  text: string,
): string {
  const nanos = at.toISOString().replace(/Z$/, '000000Z');
  return `${nanos} ${stream} F ${text}\n`;
}

function lines(start: Date, entries: ['stdout' | 'stderr', string][]): string {
  return entries
    .map(([stream, text], i) =>
      criLogLine(new Date(start.getTime() + i * 1000), stream, text),
    )
    .join('');
}

/**
 * Writes (once) the log files kwok serves for every simulated container, and the `ClusterLogs`
 * that points kwok at them: the current instance logs a start-up, the previous one ends with
 * the crash that a crash-looping pod's restart follows. Returns the config file for `--config`.
 */
export function ensureSimulatedLogs(l: Layout): string {
  const p = containerLogPaths(l);
  mkdirSync(p.dir, { recursive: true });
  const start = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));
  if (!existsSync(p.previous)) {
    writeFileSync(
      p.previous,
      lines(start, [
        ['stdout', 'agent starting (simulated container, previous instance)'],
        ['stdout', 'loading configuration from /etc/agent/config.yaml'],
        [
          'stderr',
          'fatal: cannot open /etc/agent/config.yaml: no such file or directory',
        ],
        ['stderr', 'agent exited with status 1'],
      ]),
    );
  }
  if (!existsSync(p.current)) {
    writeFileSync(
      p.current,
      lines(new Date(start.getTime() + 60_000), [
        ['stdout', 'agent starting (simulated container, current instance)'],
        ['stdout', 'loading configuration from /etc/agent/config.yaml'],
        ['stdout', 'agent ready'],
      ]),
    );
  }
  writeFileSync(
    p.config,
    [
      'apiVersion: kwok.x-k8s.io/v1alpha1',
      'kind: ClusterLogs',
      'metadata:',
      '  name: simulated-container-logs',
      'spec:',
      '  selector: {}',
      '  logs:',
      `  - logsFile: ${JSON.stringify(p.current)}`,
      `    previousLogsFile: ${JSON.stringify(p.previous)}`,
      '    follow: true',
      '',
    ].join('\n'),
  );
  return p.config;
}
