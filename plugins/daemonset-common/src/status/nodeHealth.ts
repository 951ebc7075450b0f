import { NodeInfo } from './types';

/**
 * The node's own health, apart from the DaemonSet: `notReady` when its Ready condition is not
 * True, `pressure` when a condition other than Ready needs attention (memory, disk or PID
 * pressure, a problem detector's condition), else `healthy`.
 *
 * @public
 */
export type NodeHealth = 'healthy' | 'pressure' | 'notReady';

/** The {@link NodeHealth} of a report row's node. @public */
export function nodeHealth(node: NodeInfo): NodeHealth {
  if (!node.ready) return 'notReady';
  return node.conditions.some(c => c.type !== 'Ready' && c.status !== 'False')
    ? 'pressure'
    : 'healthy';
}

/**
 * The names of the node's abnormal conditions as short flags, e.g. `NotReady`, `MemoryPressure`.
 *
 * @public
 */
export function nodeConditionFlags(node: NodeInfo): string[] {
  const flags: string[] = node.ready ? [] : ['NotReady'];
  for (const c of node.conditions) {
    if (c.type !== 'Ready' && c.status !== 'False') flags.push(c.type);
  }
  return flags;
}
