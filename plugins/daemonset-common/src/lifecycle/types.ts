import type { KeptField } from '../wizard/fromManifest';
import type { DaemonSetInput } from '../wizard/input';
import type { Problem } from '../wizard/problems';

/**
 * One revision of a DaemonSet's pod template, from its ControllerRevisions.
 *
 * @public
 */
export interface DaemonSetRevision {
  /** The revision number (`ControllerRevision.revision`), higher is newer. */
  revision: number;
  /** The images of the revision's containers, in container order. */
  images: string[];
  /** When the revision was recorded (ISO 8601). */
  createdAt?: string;
  /** Whether this is the revision the DaemonSet runs now. */
  current: boolean;
  /** The revision's pod template, for the diff against what runs. */
  template: unknown;
}

/**
 * What the tab needs to change what runs: `GET /entity/.../lifecycle`.
 *
 * @public
 */
export interface DaemonSetLifecycleState {
  /** The cluster the DaemonSet runs in. */
  cluster: string;
  /** Its namespace. */
  namespace: string;
  /** Its name. */
  name: string;
  /** The DaemonSet's `metadata.generation`: the base revision an edit or rollback names. */
  baseRevision: number;
  /** Nodes the DaemonSet should run on (`status.desiredNumberScheduled`). */
  nodeCount: number;
  /** The names of the Services that select its pods (decommission deletes them too). */
  services: string[];
  /** The wizard input for an edit, pre-filled from what runs. */
  input: DaemonSetInput;
  /** Live fields the wizard cannot express; an edit keeps them. */
  keptFields: KeptField[];
  /** Why the pre-filled input breaks a wizard rule, if it does. */
  problems: Problem[];
  /** The revisions, newest first. */
  revisions: DaemonSetRevision[];
  /** The live pod template, for diffs. */
  template: unknown;
}

/**
 * The outcome of a rollback: applied, or filed for approval (nothing changed yet).
 *
 * @public
 */
export type DaemonSetChangeOutcome =
  | { outcome: 'applied'; revision: number; generation?: number }
  | {
      outcome: 'approvalRequired';
      revision: number;
      requestId: string;
      reasons: string[];
    };

/**
 * What a decommission deleted.
 *
 * @public
 */
export interface DaemonSetDecommissionOutcome {
  /** The cluster it ran in. */
  cluster: string;
  /** Its namespace. */
  namespace: string;
  /** The deleted DaemonSet's name. */
  daemonSet: string;
  /** The deleted Services' names. */
  services: string[];
}
