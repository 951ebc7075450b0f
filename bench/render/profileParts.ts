import { ProfileNode, stackNames } from './profileSummary';

/**
 * The parts of a backend's first answer, each named by the functions that mark it on a sample's
 * stack (the first part that matches wins); V8's own entries (`(garbage collector)`, `(idle)`,
 * `(program)`) are parts of their own, and anything else is `other`.
 */
const PARTS: Array<[part: string, functions: RegExp]> = [
  ['protobuf decoding', /^(decodeMessage|push)$/],
  ['building the status', /^(rebuild|refresh|buildDaemonSetStatusReport)$/],
  [
    'serializing the answer',
    /^(serializeStatus|sendStatusSnapshot|gzipOf|json|snapshotBytes)$/,
  ],
  ['reading the sockets', /^(socketOnData|onStreamRead)$/],
  ['start-up (modules, plugins)', /^(create|require|wrapModuleLoad)$/],
];

/** Milliseconds of a CPU profile by part of the work (see {@link PARTS}), the largest first. */
export function timeByPart(
  nodes: ProfileNode[],
  profile: { samples: number[]; timeDeltas: number[] },
): Array<[part: string, ms: number]> {
  const stackOf = stackNames(nodes);
  const byPart = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const stack = stackOf(id);
    const part = stack[0]?.startsWith('(')
      ? stack[0]
      : PARTS.find(([, functions]) =>
          stack.some(f => functions.test(f)),
        )?.[0] ?? 'other';
    byPart.set(part, (byPart.get(part) ?? 0) + ms);
  });
  return [...byPart].sort((a, b) => b[1] - a[1]);
}
