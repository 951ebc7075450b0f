import { WizardKeyedObject } from '@daemonsets/plugin-daemonset-common';
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { listCollection } from '../watch/listCollection';

/** The kinds whose names and keys the wizard lists. @internal */
export type KeyedKind = 'secrets' | 'configmaps';

/** At most this many objects are listed per namespace and kind. @internal */
export const MAX_KEYED_OBJECTS = 500;

/**
 * Objects per list request. Every page holds the values (the list API has no "keys only"
 * form), so pages are small to bound what is in memory at once: a Secret may hold up to 1 MiB.
 */
const PAGE_SIZE = 100;

/**
 * Helm keeps each release as a Secret of this type, often large; no workload mounts one, so
 * they are left out by the API server.
 */
const SECRET_FIELD_SELECTOR = 'type!=helm.sh/release.v1';

interface KeyedItem extends KubernetesObject {
  type?: string;
  data?: Record<string, unknown>;
  binaryData?: Record<string, unknown>;
  stringData?: Record<string, unknown>;
}

/** Name, type and sorted key names of an object: nothing of its values. */
export function keysOf(item: KeyedItem): WizardKeyedObject {
  const keys = new Set<string>();
  for (const map of [item.data, item.binaryData, item.stringData]) {
    for (const key of Object.keys(map ?? {})) keys.add(key);
  }
  const result: WizardKeyedObject = {
    name: item.metadata?.name ?? '',
    keys: [...keys].sort(),
  };
  if (typeof item.type === 'string') {
    result.type = item.type;
  }
  return result;
}

/**
 * The Secrets or ConfigMaps of a namespace as names, types and key names, sorted by name.
 *
 * @remarks
 * The values are dropped page by page, right after each page arrives: they are in no returned
 * object, no log line and no error (`listCollection`'s errors carry status codes only). At most
 * {@link MAX_KEYED_OBJECTS} objects, the first by name (the API server lists in name order);
 * Secrets of Helm releases (`helm.sh/release.v1`) are not listed. The account needs `list` on
 * the kind in the namespace.
 *
 * @throws what `listCollection` throws (`ListRequestError`, network errors).
 * @internal
 */
export async function listKeyedObjects(
  kubeConfig: KubeConfig,
  kind: KeyedKind,
  namespace: string,
  signal: AbortSignal,
): Promise<WizardKeyedObject[]> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/${kind}`;
  const items: WizardKeyedObject[] = [];
  let next: string | undefined;
  do {
    const limit = Math.min(PAGE_SIZE, MAX_KEYED_OBJECTS - items.length);
    const page = await listCollection<KeyedItem>(kubeConfig, path, {
      signal,
      query: {
        limit,
        continue: next,
        fieldSelector: kind === 'secrets' ? SECRET_FIELD_SELECTOR : undefined,
      },
    });
    for (const item of page.items) items.push(keysOf(item));
    next = (page.metadata as { continue?: string } | undefined)?.continue;
  } while (next && items.length < MAX_KEYED_OBJECTS);
  return items.sort((a, b) => (a.name < b.name ? -1 : Number(a.name > b.name)));
}
