import { daemonSetEntityName } from '../entityName';
import type { ParsedDaemonSetInput } from '../schema';

/** The annotation recording the target cluster. @public */
export const CLUSTER_ANNOTATION = 'daemonsets.dev/cluster';
/** The DaemonSet annotation holding its description (the catalog Component's description). @public */
export const DESCRIPTION_ANNOTATION = 'description';
/** The annotation naming the DaemonSet's owner in the catalog, an entity reference. @public */
export const OWNER_ANNOTATION = 'daemonsets.dev/owner';
/** The annotation recording the catalog entity name, `daemonSetEntityName`. @public */
export const ENTITY_NAME_ANNOTATION = 'daemonsets.dev/entity-name';
/** The annotation naming the catalog System of the DaemonSet's Component. @public */
export const SYSTEM_ANNOTATION = 'daemonsets.dev/system';
/** The pod annotation listing the log directories a node agent collects. @public */
export const LOG_PATHS_ANNOTATION = 'daemonsets.dev/log-paths';
/** The Multus network attachment annotation. @public */
export const NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';
/** The value of `app.kubernetes.io/managed-by` on generated objects. @public */
export const MANAGED_BY = 'daemonsets.dev';
/** The labels the generator owns; `labels` may not set them. @public */
export const RESERVED_LABELS: ReadonlyArray<string> = [
  'app',
  'backstage.io/kubernetes-id',
];

/** The name of the hostPath volume time-zone sync adds. @public */
export const TIMEZONE_VOLUME = 'host-localtime';
/** The name of the emptyDir volume for the n-th log path of the pod (counted across containers). @public */
export function logVolumeName(index: number): string {
  return `log-path-${index}`;
}

/** A log path with the container that writes it and the volume that holds it. */
export interface LogPathEntry {
  container: string;
  path: string;
  volume: string;
}

/** Every log path of the pod, in container then path order, with its volume. */
export function logPathEntries(input: ParsedDaemonSetInput): LogPathEntry[] {
  const entries: LogPathEntry[] = [];
  for (const container of input.containers) {
    for (const path of container.logPaths ?? []) {
      entries.push({
        container: container.name,
        path,
        volume: logVolumeName(entries.length),
      });
    }
  }
  return entries;
}

/** Sorts a map by key, so user-provided maps print the same whatever order they came in. */
export function sortedRecord(
  record: Record<string, string> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record ?? {}).sort()) {
    out[key] = record![key];
  }
  return out;
}

/** The labels every generated object and the pod template carry. */
export function objectLabels(
  input: ParsedDaemonSetInput,
): Record<string, string> {
  return {
    app: input.name,
    'backstage.io/kubernetes-id': input.name,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    ...sortedRecord(input.labels),
  };
}

/** The selector: only `app`, because a DaemonSet's selector cannot change later. */
export function selectorLabels(
  input: ParsedDaemonSetInput,
): Record<string, string> {
  return { app: input.name };
}

/** The annotations the generator writes on the DaemonSet (and the cluster one on Services). */
export function generatedObjectAnnotations(
  input: ParsedDaemonSetInput,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (input.description !== undefined) {
    out[DESCRIPTION_ANNOTATION] = input.description;
  }
  if (input.cluster !== undefined) {
    out[CLUSTER_ANNOTATION] = input.cluster;
  }
  return { ...out, ...ownershipAnnotations(input) };
}

/**
 * The catalog ownership annotations, written only when an owner is given: the owner, the
 * system if any, and the entity name when the cluster (part of the name) is known.
 */
export function ownershipAnnotations(
  input: ParsedDaemonSetInput,
): Record<string, string> {
  if (input.owner === undefined) {
    return {};
  }
  const out: Record<string, string> = { [OWNER_ANNOTATION]: input.owner };
  if (input.cluster !== undefined) {
    out[ENTITY_NAME_ANNOTATION] = daemonSetEntityName({
      cluster: input.cluster,
      namespace: input.namespace,
      name: input.name,
    });
  }
  if (input.system !== undefined) {
    out[SYSTEM_ANNOTATION] = input.system;
  }
  return out;
}

/** The annotations the generator writes on the pod template. */
export function generatedPodAnnotations(
  input: ParsedDaemonSetInput,
): Record<string, string> {
  const out: Record<string, string> = {};
  const logs = logPathEntries(input);
  if (logs.length > 0) {
    out[LOG_PATHS_ANNOTATION] = JSON.stringify(
      logs.map(({ container, path, volume }) => ({ container, path, volume })),
    );
  }
  if (input.networkAttachments?.length) {
    out[NETWORKS_ANNOTATION] = input.networkAttachments.join(',');
  }
  if (input.metrics) {
    out['prometheus.io/scrape'] = 'true';
    out['prometheus.io/port'] = String(input.metrics.port);
    out['prometheus.io/path'] = input.metrics.path;
    out['prometheus.io/scheme'] = input.metrics.scheme;
  }
  const otel = input.instrumentation;
  if (otel) {
    const prefix = 'instrumentation.opentelemetry.io';
    out[`${prefix}/inject-${otel.language}`] = otel.instrumentation ?? 'true';
    if (otel.containerNames?.length) {
      out[`${prefix}/container-names`] = otel.containerNames.join(',');
    }
    if (otel.goTargetExecutable) {
      out[`${prefix}/otel-go-auto-target-exe`] = otel.goTargetExecutable;
    }
  }
  return out;
}

/** Generated annotations followed by the user's, sorted; undefined when there are none. */
export function withUserAnnotations(
  generated: Record<string, string>,
  input: ParsedDaemonSetInput,
): Record<string, string> | undefined {
  const all = { ...generated, ...sortedRecord(input.annotations) };
  return Object.keys(all).length > 0 ? all : undefined;
}
