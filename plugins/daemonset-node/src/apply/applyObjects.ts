import { isDeepStrictEqual } from 'node:util';
import { assertApplicableObjects, objectPath } from './allowedKinds';
import { KubeRequester } from './kubeRequest';
import { AppliedObject, ManifestObject } from './types';

/**
 * The field manager of every apply, so ownership of fields is stable across applies.
 *
 * @public
 */
export const FIELD_MANAGER = 'daemonsets-backstage';

/**
 * Options of {@link applyObjects}.
 *
 * @public
 */
export interface ApplyObjectsOptions {
  /** Calls the cluster, e.g. `createKubeRequester(cluster)`. */
  request: KubeRequester;
  /** The objects to apply, in order; checked with `assertApplicableObjects` first. */
  objects: ReadonlyArray<unknown>;
  /** Server-side dry run (`dryRun=All`): admission runs, nothing is stored. */
  dryRun?: boolean;
  /** Aborts the remaining requests. */
  signal?: AbortSignal;
}

interface StoredObject {
  metadata?: {
    resourceVersion?: string;
    generation?: number;
    labels?: unknown;
    annotations?: unknown;
  };
  spec?: unknown;
}

function visibleState(object: StoredObject): unknown {
  return {
    labels: object.metadata?.labels,
    annotations: object.metadata?.annotations,
    spec: object.spec,
  };
}

function hasChanged(
  before: StoredObject | undefined,
  after: StoredObject,
  dryRun: boolean,
): boolean {
  if (!before) {
    return true;
  }
  if (dryRun) {
    // a dry run stores nothing, so resourceVersion cannot tell; compare what the apply sets
    return !isDeepStrictEqual(visibleState(before), visibleState(after));
  }
  return before.metadata?.resourceVersion !== after.metadata?.resourceVersion;
}

/**
 * Server-side applies each object in order (`PATCH` with `application/apply-patch+yaml`,
 * field manager {@link FIELD_MANAGER}, `force`), after checking that every object is an
 * applicable kind.
 *
 * @throws InputError when an object is not a namespaced DaemonSet or Service; the errors of
 * {@link createKubeRequester} when the cluster refuses.
 * @public
 */
export async function applyObjects(
  options: ApplyObjectsOptions,
): Promise<AppliedObject[]> {
  const { request, objects, signal } = options;
  const dryRun = options.dryRun ?? false;
  assertApplicableObjects(objects);
  const results: AppliedObject[] = [];
  for (const object of objects as ReadonlyArray<ManifestObject>) {
    const path = objectPath(object);
    const before = (await request({ method: 'GET', path, signal })) as
      | StoredObject
      | undefined;
    const after = (await request({
      method: 'PATCH',
      path,
      query: {
        fieldManager: FIELD_MANAGER,
        force: 'true',
        dryRun: dryRun ? 'All' : undefined,
      },
      body: object,
      contentType: 'application/apply-patch+yaml',
      signal,
    })) as StoredObject;
    results.push({
      kind: object.kind,
      namespace: object.metadata.namespace!,
      name: object.metadata.name,
      created: !before,
      changed: hasChanged(before, after, dryRun),
      ...(after.metadata?.generation !== undefined
        ? { generation: after.metadata.generation }
        : {}),
    });
  }
  return results;
}
