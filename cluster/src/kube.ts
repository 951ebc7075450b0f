import { Agent, request } from 'node:https';
import { readFileSync } from 'node:fs';

/** An HTTP error answered by the API server, with its Status body when there is one. */
export class KubeError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(method: string, path: string, status: number, body: unknown) {
    const msg =
      typeof body === 'object' && body && 'message' in body
        ? String((body as { message: unknown }).message)
        : String(body);
    super(`${method} ${path}: HTTP ${status}: ${msg}`);
    this.status = status;
    this.body = body;
  }
}

/** Connection settings for {@link KubeClient}. */
export interface KubeClientOptions {
  server: string;
  /** PEM of the CA that signed the API server's certificate. */
  ca: string | Buffer;
  token: string;
  /** Parallel connections kept open (default 32). */
  maxSockets?: number;
  /** Per-request timeout in ms (default 30s). */
  timeoutMs?: number;
}

/** A Kubernetes object, loosely typed. */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
};

/** A list answer. */
export interface KubeList<T = KubeObject> {
  items: T[];
  metadata: { resourceVersion?: string; continue?: string };
}

const FIELD_MANAGER = 'daemonsets-local-cluster';

// Plural resource names for the kinds this tool touches; anything else passes an explicit path.
const RESOURCES: Record<string, { plural: string; namespaced: boolean }> = {
  Namespace: { plural: 'namespaces', namespaced: false },
  Node: { plural: 'nodes', namespaced: false },
  Pod: { plural: 'pods', namespaced: true },
  Service: { plural: 'services', namespaced: true },
  ServiceAccount: { plural: 'serviceaccounts', namespaced: true },
  ConfigMap: { plural: 'configmaps', namespaced: true },
  DaemonSet: { plural: 'daemonsets', namespaced: true },
  ControllerRevision: { plural: 'controllerrevisions', namespaced: true },
  ClusterRole: { plural: 'clusterroles', namespaced: false },
  ClusterRoleBinding: { plural: 'clusterrolebindings', namespaced: false },
  Role: { plural: 'roles', namespaced: true },
  RoleBinding: { plural: 'rolebindings', namespaced: true },
};

/** REST path of an object (or of its collection when `name` is omitted). */
export function objectPath(
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  name?: string,
): string {
  const r = RESOURCES[kind];
  if (!r) throw new Error(`unknown kind ${kind}`);
  const base = apiVersion.includes('/')
    ? `/apis/${apiVersion}`
    : `/api/${apiVersion}`;
  const ns = r.namespaced
    ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}`
    : '';
  return `${base}${ns}/${r.plural}${
    name ? `/${encodeURIComponent(name)}` : ''
  }`;
}

/** Minimal Kubernetes REST client over https with a CA and a bearer token. */
export class KubeClient {
  readonly server: string;
  private readonly agent: Agent;
  private readonly token: string;
  private readonly timeoutMs: number;

  constructor(opts: KubeClientOptions) {
    this.server = opts.server;
    this.token = opts.token;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.agent = new Agent({
      ca: opts.ca,
      keepAlive: true,
      maxSockets: opts.maxSockets ?? 32,
    });
  }

  /** Builds a client from a CA file path. */
  static fromFiles(
    server: string,
    caPath: string,
    token: string,
    timeoutMs?: number,
  ): KubeClient {
    return new KubeClient({
      server,
      ca: readFileSync(caPath),
      token,
      timeoutMs,
    });
  }

  /**
   * Sends one request; resolves with the parsed JSON body (or text), rejects with {@link KubeError}.
   * `accept` replaces `application/json`, e.g. for the Table form.
   */
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    accept = 'application/json',
  ): Promise<T> {
    const url = new URL(path, this.server);
    const payload =
      body === undefined
        ? undefined
        : typeof body === 'string'
        ? body
        : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${this.token}`,
            Accept: accept,
            ...(payload !== undefined
              ? {
                  'Content-Type': contentType,
                  'Content-Length': Buffer.byteLength(payload),
                }
              : {}),
          },
          timeout: this.timeoutMs,
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON (e.g. /readyz answers "ok")
            }
            if ((res.statusCode ?? 0) >= 400)
              reject(new KubeError(method, path, res.statusCode ?? 0, parsed));
            else resolve(parsed as T);
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(
          new Error(`${method} ${path}: timed out after ${this.timeoutMs}ms`),
        ),
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** GET; resolves undefined on 404. */
  async get<T = KubeObject>(path: string): Promise<T | undefined> {
    try {
      return await this.request<T>('GET', path);
    } catch (e) {
      if (e instanceof KubeError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** Lists a collection, following `continue` tokens. `query` is appended as-is (e.g. `labelSelector=a%3Db`). */
  async list<T = KubeObject>(path: string, query = ''): Promise<T[]> {
    const items: T[] = [];
    let cont = '';
    do {
      const q = [
        query,
        'limit=500',
        cont ? `continue=${encodeURIComponent(cont)}` : '',
      ]
        .filter(Boolean)
        .join('&');
      const page = await this.request<KubeList<T>>('GET', `${path}?${q}`);
      items.push(...page.items);
      cont = page.metadata?.continue ?? '';
    } while (cont);
    return items;
  }

  /** POST to a collection. */
  create<T = KubeObject>(path: string, obj: unknown): Promise<T> {
    return this.request<T>('POST', path, obj);
  }

  /** Creates unless it exists (409 is success); resolves true if created. */
  async createIfMissing(path: string, obj: unknown): Promise<boolean> {
    try {
      await this.create(path, obj);
      return true;
    } catch (e) {
      if (e instanceof KubeError && e.status === 409) return false;
      throw e;
    }
  }

  /** Server-side apply of a full object (JSON is valid apply YAML). */
  apply<T = KubeObject>(
    obj: KubeObject,
    fieldManager = FIELD_MANAGER,
  ): Promise<T> {
    const path = objectPath(
      obj.apiVersion ?? 'v1',
      obj.kind ?? '',
      obj.metadata.namespace,
      obj.metadata.name,
    );
    return this.request<T>(
      'PATCH',
      `${path}?fieldManager=${fieldManager}&force=true`,
      obj,
      'application/apply-patch+yaml',
    );
  }

  /** PATCH with an explicit patch type (default strategic merge). */
  patch<T = KubeObject>(
    path: string,
    patch: unknown,
    type = 'application/strategic-merge-patch+json',
  ): Promise<T> {
    return this.request<T>('PATCH', path, patch, type);
  }

  /** DELETE; resolves false on 404. */
  async delete(path: string, body?: unknown): Promise<boolean> {
    try {
      await this.request('DELETE', path, body);
      return true;
    } catch (e) {
      if (e instanceof KubeError && e.status === 404) return false;
      throw e;
    }
  }

  /** Closes kept-alive sockets so the process can exit. */
  close(): void {
    this.agent.destroy();
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; rejects on the first failure. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return out;
}
