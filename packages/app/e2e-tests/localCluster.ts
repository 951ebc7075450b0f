import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join, resolve } from 'node:path';

interface ClusterState {
  server: string;
  caPath: string;
  tokens: { admin: string };
}

const clusterHome =
  process.env.CLUSTER_HOME ?? resolve(__dirname, '../../../.cluster');

/** Sends one request to the local cluster's API server as its admin. */
function adminRequest(
  method: string,
  path: string,
  body: unknown,
  contentType: string,
): Promise<unknown> {
  const state = JSON.parse(
    readFileSync(join(clusterHome, 'state.json'), 'utf8'),
  ) as ClusterState;
  const url = new URL(path, state.server);
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolvePromise, reject) => {
    const req = request(
      url,
      {
        method,
        ca: readFileSync(state.caPath),
        headers: {
          Authorization: `Bearer ${readFileSync(
            state.tokens.admin,
            'utf8',
          ).trim()}`,
          'Content-Type': contentType,
          'Content-Length': Buffer.byteLength(payload),
        },
      },
      res => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolvePromise(JSON.parse(text))
            : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Sets the image of every container of a DaemonSet (a strategic merge patch, as kubectl does). */
export async function setDaemonSetImage(
  namespace: string,
  name: string,
  container: string,
  image: string,
): Promise<void> {
  await adminRequest(
    'PATCH',
    `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`,
    {
      spec: {
        template: { spec: { containers: [{ name: container, image }] } },
      },
    },
    'application/strategic-merge-patch+json',
  );
}

/** Sets a DaemonSet's `minReadySeconds` (slows a rollout down enough to watch it). */
export async function setMinReadySeconds(
  namespace: string,
  name: string,
  seconds: number,
): Promise<void> {
  await adminRequest(
    'PATCH',
    `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`,
    { spec: { minReadySeconds: seconds } },
    'application/merge-patch+json',
  );
}

/** Reads an object from the local cluster as its admin, e.g. `/apis/apps/v1/namespaces/x/daemonsets/y`. */
export async function getObject<T = any>(path: string): Promise<T> {
  return (await adminRequest('GET', path, undefined, 'application/json')) as T;
}

/** Names of the nodes of the local cluster, read from its API server as its admin. */
export async function listNodes(): Promise<string[]> {
  const list = await getObject<{ items: { metadata: { name: string } }[] }>(
    '/api/v1/nodes',
  );
  return list.items.map(n => n.metadata.name);
}

/** Deletes an object from the local cluster as its admin; a missing object is fine. */
export async function deleteObject(path: string): Promise<void> {
  await adminRequest('DELETE', path, undefined, 'application/json').catch(
    error => {
      if (!/: 404 /.test(String(error))) throw error;
    },
  );
}

/** Creates (or replaces) a namespaced core object such as a Secret or ConfigMap as the admin. */
export async function putCoreObject(
  namespace: string,
  plural: string,
  object: { metadata: { name: string } } & Record<string, unknown>,
): Promise<void> {
  const path = `/api/v1/namespaces/${namespace}/${plural}`;
  await deleteObject(`${path}/${object.metadata.name}`);
  await adminRequest('POST', path, object, 'application/json');
}

/** A node of the local cluster as its API server reports it. */
export interface ClusterNode {
  name: string;
  labels: Record<string, string>;
}

/** The nodes of the local cluster with their labels, read from its API server as its admin. */
export async function listNodesWithLabels(): Promise<ClusterNode[]> {
  const list = await getObject<{
    items: { metadata: { name: string; labels?: Record<string, string> } }[];
  }>('/api/v1/nodes');
  return list.items.map(n => ({
    name: n.metadata.name,
    labels: n.metadata.labels ?? {},
  }));
}

/** A pod of the local cluster, reduced to what the browser tests compare with. */
export interface ClusterPod {
  name: string;
  node?: string;
  images: string[];
  ready: boolean;
  deleting: boolean;
}

/** The pods of a namespace matching a label selector, read as the admin. */
export async function listPods(
  namespace: string,
  labelSelector: string,
): Promise<ClusterPod[]> {
  const list = await getObject<{ items: any[] }>(
    `/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(
      labelSelector,
    )}`,
  );
  return list.items.map(p => ({
    name: p.metadata.name,
    node: p.spec?.nodeName,
    images: (p.spec?.containers ?? []).map((c: { image: string }) => c.image),
    ready: (p.status?.conditions ?? []).some(
      (c: { type: string; status: string }) =>
        c.type === 'Ready' && c.status === 'True',
    ),
    deleting: Boolean(p.metadata.deletionTimestamp),
  }));
}

/** The DaemonSets of every namespace matching a label selector, read as the admin. */
export async function listDaemonSets(labelSelector: string): Promise<any[]> {
  const list = await getObject<{ items: any[] }>(
    `/apis/apps/v1/daemonsets?labelSelector=${encodeURIComponent(
      labelSelector,
    )}`,
  );
  return list.items;
}

/** Creates an object (e.g. a Namespace or a DaemonSet) through its collection path as the admin. */
export async function createObject(
  collectionPath: string,
  object: Record<string, unknown>,
): Promise<void> {
  await adminRequest('POST', collectionPath, object, 'application/json');
}

/** Applies a JSON merge patch to an object as the admin. */
export async function mergePatch(path: string, patch: unknown): Promise<void> {
  await adminRequest('PATCH', path, patch, 'application/merge-patch+json');
}

/** Whether an object exists in the local cluster. */
export async function objectExists(path: string): Promise<boolean> {
  try {
    await getObject(path);
    return true;
  } catch (error) {
    if (/: 404 /.test(String(error))) return false;
    throw error;
  }
}
