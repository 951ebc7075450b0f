export interface Config {
  /** Configuration of the DaemonSet plugins. */
  daemonset?: {
    /**
     * How long a cluster watch for a DaemonSet stays open after its last viewer left.
     * @visibility backend
     */
    watchIdleTimeout?: { seconds?: number; minutes?: number };
  };
}
