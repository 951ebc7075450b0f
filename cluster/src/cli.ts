#!/usr/bin/env node
/**
 * Local cluster CLI: `up`, `down`, `reset`, `status`. Run with Node >= 22 (TypeScript type stripping).
 *
 *   node cluster/src/cli.ts up [--nodes 20] [--seed 1] [--not-ready N] [--cordoned N]
 *                              [--portal-namespaces default,daemonset-demo] [--no-example]
 *                              [--stall-seconds 120]
 *   node cluster/src/cli.ts status [--json] [--usage]
 *   node cluster/src/cli.ts down | reset
 *   node cluster/src/cli.ts stop|start|restart <component>
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_STALL_SECONDS,
  DEFAULT_UP,
  down,
  formatStatus,
  reset,
  resourceUsage,
  startComponent,
  status,
  up,
} from './cluster.ts';
import { ClusterError } from './log.ts';
import type { Component } from './paths.ts';
import { COMPONENTS, layout } from './paths.ts';
import { stop } from './processes.ts';

const USAGE = `usage: node cluster/src/cli.ts <up|down|reset|status> [options]
  up      --nodes N (20) --seed S (1) --not-ready N --cordoned N --portal-namespaces a,b --no-example
          --stall-seconds S (120: fail when no more nodes turned Ready for S seconds)
  status  --json --usage
  down    stop processes, keep data
  reset   down, then delete data/certs/tokens/state (binaries stay)
  stop|start|restart <component>   one of ${COMPONENTS.join(
    ', ',
  )} (fault tests)`;

function int(
  name: string,
  v: string | undefined,
  fallback?: number,
): number | undefined {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new ClusterError(
      `--${name} must be a non-negative integer, got ${v}`,
    );
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      nodes: { type: 'string' },
      seed: { type: 'string' },
      'not-ready': { type: 'string' },
      cordoned: { type: 'string' },
      'portal-namespaces': { type: 'string' },
      'no-example': { type: 'boolean' },
      'stall-seconds': { type: 'string' },
      json: { type: 'boolean' },
      usage: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  const l = layout();
  switch (command) {
    case 'up': {
      const stallSeconds = int(
        'stall-seconds',
        values['stall-seconds'],
        DEFAULT_STALL_SECONDS,
      )!;
      if (stallSeconds < 1)
        throw new ClusterError(
          `--stall-seconds must be at least 1, got ${stallSeconds}`,
        );
      await up(l, {
        nodes: int('nodes', values.nodes, DEFAULT_UP.nodes)!,
        seed: int('seed', values.seed, DEFAULT_UP.seed)!,
        notReady: int('not-ready', values['not-ready']),
        cordoned: int('cordoned', values.cordoned),
        portalNamespaces:
          values['portal-namespaces']
            ?.split(',')
            .map(s => s.trim())
            .filter(Boolean) ?? DEFAULT_UP.portalNamespaces,
        example: !values['no-example'],
        stallSeconds,
      });
      console.log(formatStatus(await status(l)));
      return 0;
    }
    case 'down':
      await down(l);
      return 0;
    case 'reset':
      await reset(l);
      return 0;
    case 'stop':
    case 'start':
    case 'restart': {
      const c = positionals[1] as Component;
      if (!COMPONENTS.includes(c))
        throw new ClusterError(
          `${command} needs one of ${COMPONENTS.join(', ')}, got ${
            positionals[1]
          }`,
        );
      if (command !== 'start') await stop(l, c);
      if (command !== 'stop') await startComponent(l, c);
      return 0;
    }
    case 'status': {
      const r = await status(l);
      const usage = values.usage ? resourceUsage(l) : undefined;
      if (values.json) console.log(JSON.stringify({ ...r, usage }, null, 2));
      else {
        console.log(formatStatus(r));
        for (const [c, u] of Object.entries(usage ?? {})) {
          console.log(
            `  ${c.padEnd(24)} rss ${u.rssMiB} MiB, cpu ${u.cpuPercent}% avg, ${
              u.cpuSeconds
            } total`,
          );
        }
      }
      return r.components['kube-apiserver'].healthy ? 0 : 1;
    }
    default:
      console.error(USAGE);
      return values.help ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  code => process.exit(code),
  (e: unknown) => {
    if (e instanceof ClusterError) {
      console.error(`cluster: ${e.message}`);
      process.exit(e.exitCode);
    }
    console.error(e);
    process.exit(1);
  },
);
