import { KeptField } from '@daemonsets/plugin-daemonset-common';
import {
  daemonSetInputFromManifests,
  withKeptFields,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import {
  assertBaseRevision,
  KubeRequester,
  ManifestObject,
  objectPath,
} from '@daemonsets/plugin-daemonset-node';

/**
 * An edit's generated objects with the live fields the wizard cannot express written back
 * (`withKeptFields`), so what the edit applies states them explicitly rather than relying on
 * server-side apply leaving fields it does not own.
 *
 * @remarks
 * The kept fields are read from the cluster here, never taken from the task's input: a user
 * could otherwise put anything into the manifest past the wizard's rules and the policy.
 *
 * @throws ConflictError when the DaemonSet is gone or has changed since `baseRevision`.
 */
export async function withLiveKeptFields(
  objects: ReadonlyArray<ManifestObject>,
  options: {
    request: KubeRequester;
    cluster: string;
    baseRevision: number;
    signal?: AbortSignal;
  },
): Promise<{ objects: ManifestObject[]; kept: KeptField[] }> {
  const { request, signal } = options;
  const daemonSet = objects.find(o => o.kind === 'DaemonSet');
  if (!daemonSet) return { objects: [...objects], kept: [] };
  await assertBaseRevision({
    request,
    cluster: options.cluster,
    namespace: daemonSet.metadata.namespace ?? 'default',
    name: daemonSet.metadata.name,
    baseRevision: options.baseRevision,
    signal,
  });
  const live = await request({
    method: 'GET',
    path: objectPath(daemonSet),
    signal,
  });
  const services: unknown[] = [];
  for (const object of objects) {
    if (object.kind !== 'Service') continue;
    const service = await request({
      method: 'GET',
      path: objectPath(object),
      signal,
    });
    if (service) services.push(service);
  }
  const { keptFields } = daemonSetInputFromManifests(live, services);
  return { objects: withKeptFields(objects, keptFields), kept: keptFields };
}
