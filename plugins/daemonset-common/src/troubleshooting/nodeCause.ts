/**
 * Reasons of node events that explain a failing pod: the node is not ready, under resource
 * pressure, or tainted or cordoned so pods are evicted or not scheduled.
 *
 * @public
 */
export const NODE_CAUSE_REASONS: readonly string[] = [
  'NodeNotReady',
  'NodeNotSchedulable',
  'NodeHasDiskPressure',
  'NodeHasMemoryPressure',
  'NodeHasInsufficientMemory',
  'NodeHasPIDPressure',
  'NodeHasInsufficientPID',
  'EvictionThresholdMet',
  'TaintManagerEviction',
  'NodeControllerEviction',
  'Rebooted',
  'SystemOOM',
];

/**
 * Whether a node event may be the cause of its pods' trouble: one of
 * `NODE_CAUSE_REASONS` (node-level reasons such as `NodeNotReady`), or any `Warning`.
 *
 * @public
 */
export function isNodeCauseEvent(event: {
  type?: string;
  reason?: string;
}): boolean {
  return (
    event.type === 'Warning' ||
    (event.reason !== undefined && NODE_CAUSE_REASONS.includes(event.reason))
  );
}
