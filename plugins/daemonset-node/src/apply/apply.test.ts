import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { applyObjects } from './applyObjects';
import { assertApplicableObjects } from './allowedKinds';
import { createKubeRequester } from './kubeRequest';
import {
  describeRollout,
  summarizeRollout,
  waitForDaemonSetRollout,
} from './waitForRollout';

interface Recorded {
  method: string;
  url: string;
  contentType?: string;
  authorization?: string;
}

/** A tiny stand-in API server: stores applied objects and bumps resourceVersion on change. */
async function startFakeApiServer(options: { status?: () => object } = {}) {
  const store = new Map<string, any>();
  const calls: Recorded[] = [];
  let version = 1;
  const readBody = (req: IncomingMessage) =>
    new Promise<string>(resolve => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => resolve(body));
    });
  const server: Server = createServer(async (req, res) => {
    calls.push({
      method: req.method!,
      url: req.url!,
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization,
    });
    const url = new URL(req.url!, 'http://x');
    const key = url.pathname;
    res.setHeader('Content-Type', 'application/json');
    if (key.includes('/namespaces/forbidden/')) {
      res.statusCode = 403;
      res.end(
        JSON.stringify({ kind: 'Status', message: 'user cannot patch here' }),
      );
      return;
    }
    if (req.method === 'GET') {
      const stored = store.get(key);
      if (!stored) {
        res.statusCode = 404;
        res.end(JSON.stringify({ kind: 'Status', message: 'not found' }));
        return;
      }
      res.end(JSON.stringify({ ...stored, status: options.status?.() ?? {} }));
      return;
    }
    const applied = JSON.parse(await readBody(req));
    const stored = store.get(key);
    const same =
      stored &&
      JSON.stringify(stored.spec) === JSON.stringify(applied.spec) &&
      JSON.stringify(stored.metadata.labels) ===
        JSON.stringify(applied.metadata.labels);
    const next = same
      ? stored
      : {
          ...applied,
          metadata: {
            ...applied.metadata,
            resourceVersion: String(++version),
            generation: (stored?.metadata.generation ?? 0) + 1,
          },
        };
    if (url.searchParams.get('dryRun') !== 'All') {
      store.set(key, next);
    }
    res.end(JSON.stringify(next));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    calls,
    store,
    request: createKubeRequester({
      name: 'fake',
      url: `http://127.0.0.1:${port}`,
      serviceAccountToken: 'secret-token',
      skipTLSVerify: false,
    }),
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

const daemonSet = (image = 'nginx:1') => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default', labels: { app: 'agent' } },
  spec: { template: { spec: { containers: [{ name: 'a', image }] } } },
});
const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'agent', namespace: 'default' },
  spec: { ports: [{ port: 80 }] },
};

describe('assertApplicableObjects', () => {
  it('accepts DaemonSets and Services', () => {
    expect(() => assertApplicableObjects([daemonSet(), service])).not.toThrow();
  });

  it('rejects every other kind, naming each', () => {
    expect(() =>
      assertApplicableObjects([
        daemonSet(),
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: 'x' },
        },
        {
          apiVersion: 'apps/v1beta2',
          kind: 'DaemonSet',
          metadata: { name: 'y', namespace: 'n' },
        },
      ]),
    ).toThrow(
      /object 1 is rbac.authorization.k8s.io\/v1 ClusterRoleBinding.*object 2 is apps\/v1beta2 DaemonSet/,
    );
  });

  it('rejects objects without a namespace and empty manifests', () => {
    expect(() =>
      assertApplicableObjects([{ ...service, metadata: { name: 's' } }]),
    ).toThrow('has no metadata.namespace');
    expect(() => assertApplicableObjects([])).toThrow('holds no objects');
  });
});

describe('applyObjects', () => {
  it('server-side applies each object and reports whether it changed', async () => {
    const fake = await startFakeApiServer();
    try {
      const first = await applyObjects({
        request: fake.request,
        objects: [daemonSet(), service],
      });
      expect(first).toEqual([
        {
          kind: 'DaemonSet',
          namespace: 'default',
          name: 'agent',
          created: true,
          changed: true,
          generation: 1,
        },
        {
          kind: 'Service',
          namespace: 'default',
          name: 'agent',
          created: true,
          changed: true,
          generation: 1,
        },
      ]);
      const patch = fake.calls.find(c => c.method === 'PATCH')!;
      expect(patch.url).toBe(
        '/apis/apps/v1/namespaces/default/daemonsets/agent?fieldManager=daemonsets-backstage&force=true',
      );
      expect(patch.contentType).toBe('application/apply-patch+yaml');
      expect(patch.authorization).toBe('Bearer secret-token');

      const again = await applyObjects({
        request: fake.request,
        objects: [daemonSet()],
      });
      expect(again[0]).toMatchObject({
        created: false,
        changed: false,
        generation: 1,
      });

      const dry = await applyObjects({
        request: fake.request,
        objects: [daemonSet('nginx:2')],
        dryRun: true,
      });
      expect(dry[0]).toMatchObject({ changed: true, generation: 2 });
      expect(fake.calls.at(-1)!.url).toContain('dryRun=All');
      expect(
        fake.store.get('/apis/apps/v1/namespaces/default/daemonsets/agent').spec
          .template.spec.containers[0].image,
      ).toBe('nginx:1');
    } finally {
      await fake.close();
    }
  });

  it('turns a refusal into a NotAllowedError without credentials in it', async () => {
    const fake = await startFakeApiServer();
    try {
      const error = await applyObjects({
        request: fake.request,
        objects: [
          { ...daemonSet(), metadata: { name: 'x', namespace: 'forbidden' } },
        ],
      }).catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toContain("cluster 'fake' answered 403");
      expect(error.message).toContain('user cannot patch here');
      expect(error.message).not.toContain('secret-token');
    } finally {
      await fake.close();
    }
  });

  it('refuses disallowed kinds before calling the cluster', async () => {
    const fake = await startFakeApiServer();
    try {
      await expect(
        applyObjects({
          request: fake.request,
          objects: [
            {
              apiVersion: 'v1',
              kind: 'Secret',
              metadata: { name: 's', namespace: 'default' },
            },
          ],
        }),
      ).rejects.toThrow('only apps/v1 DaemonSet and v1 Service may be applied');
      expect(fake.calls).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('reports an unreachable cluster clearly', async () => {
    const request = createKubeRequester({
      name: 'gone',
      url: 'http://127.0.0.1:1',
      serviceAccountToken: 'secret-token',
      skipTLSVerify: false,
    });
    await expect(
      applyObjects({ request, objects: [daemonSet()] }),
    ).rejects.toThrow("cannot reach cluster 'gone'");
  });

  it('sends only the object requests, without a discovery request first', async () => {
    const fake = await startFakeApiServer();
    try {
      await applyObjects({
        request: fake.request,
        objects: [daemonSet(), service],
      });
      expect(fake.calls.map(c => `${c.method} ${c.url.split('?')[0]}`)).toEqual(
        [
          'GET /apis/apps/v1/namespaces/default/daemonsets/agent',
          'PATCH /apis/apps/v1/namespaces/default/daemonsets/agent',
          'GET /api/v1/namespaces/default/services/agent',
          'PATCH /api/v1/namespaces/default/services/agent',
        ],
      );
    } finally {
      await fake.close();
    }
  });

  it('refuses a request for anything but an applicable object, without calling the cluster', async () => {
    const fake = await startFakeApiServer();
    try {
      await expect(
        fake.request({
          method: 'GET',
          path: '/api/v1/namespaces/default/secrets/s',
        }),
      ).rejects.toThrow(
        'only the path of a DaemonSet or a Service (objectPath) is allowed',
      );
      await expect(
        fake.request({
          method: 'PATCH',
          path: '/apis/apps/v1/namespaces/default/daemonsets/agent',
          body: {
            ...service,
            metadata: { name: 'agent', namespace: 'default' },
          },
          contentType: 'application/apply-patch+yaml',
        }),
      ).rejects.toThrow('the body must be the DaemonSet that the path names');
      expect(fake.calls).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('stops a request when its signal aborts', async () => {
    const fake = await startFakeApiServer();
    try {
      const controller = new AbortController();
      controller.abort();
      await expect(
        applyObjects({
          request: fake.request,
          objects: [daemonSet()],
          signal: controller.signal,
        }),
      ).rejects.toMatchObject({ name: 'AbortError' });
      expect(fake.store.size).toBe(0);
    } finally {
      await fake.close();
    }
  });
});

describe('rollout', () => {
  it('is complete only when the latest generation is updated and available everywhere', () => {
    const base = { metadata: { generation: 2 } };
    const status = {
      observedGeneration: 2,
      desiredNumberScheduled: 3,
      updatedNumberScheduled: 3,
      numberReady: 3,
      numberAvailable: 3,
    };
    expect(summarizeRollout({ ...base, status }).complete).toBe(true);
    expect(
      summarizeRollout({
        ...base,
        status: { ...status, observedGeneration: 1 },
      }).complete,
    ).toBe(false);
    expect(
      summarizeRollout({
        ...base,
        status: { ...status, numberAvailable: 2, numberUnavailable: 1 },
      }).complete,
    ).toBe(false);
    expect(
      summarizeRollout({
        ...base,
        status: { ...status, updatedNumberScheduled: 2 },
      }).complete,
    ).toBe(false);
    expect(
      describeRollout(
        summarizeRollout({
          ...base,
          status: {
            ...status,
            updatedNumberScheduled: 2,
            numberUnavailable: 1,
          },
        }),
      ),
    ).toBe('2/3 nodes updated and ready (1 unavailable)');
  });

  it('counts as kubectl does: at least the desired number updated and available', () => {
    // During a surge, or while a node leaves, the counts can pass the desired number.
    const rollout = summarizeRollout({
      metadata: { generation: 1 },
      status: {
        observedGeneration: 1,
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 4,
        numberReady: 4,
        numberAvailable: 4,
      },
    });
    expect(rollout.complete).toBe(true);
  });

  it('under OnDelete waits for available pods only, and says why', () => {
    const rollout = summarizeRollout({
      metadata: { generation: 2 },
      spec: { updateStrategy: { type: 'OnDelete' } },
      status: {
        observedGeneration: 2,
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 0,
        numberReady: 3,
        numberAvailable: 3,
      },
    });
    expect(rollout).toMatchObject({ complete: true, onDelete: true });
    expect(describeRollout(rollout)).toBe(
      '3/3 nodes ready; 0 on the current template (OnDelete strategy: a pod takes a new template only when it is deleted, so there is no rollout to wait for)',
    );
    expect(
      summarizeRollout({
        metadata: { generation: 1 },
        spec: { updateStrategy: { type: 'OnDelete' } },
        status: {
          observedGeneration: 1,
          desiredNumberScheduled: 3,
          numberAvailable: 2,
        },
      }).complete,
    ).toBe(false);
  });

  it('polls until complete, reporting progress, or times out clearly', async () => {
    let polls = 0;
    const fake = await startFakeApiServer({
      status: () => {
        polls += 1;
        const done = Math.max(0, Math.min(polls, 3));
        return {
          observedGeneration: 1,
          desiredNumberScheduled: 3,
          updatedNumberScheduled: done,
          numberReady: done,
          numberAvailable: done,
          numberUnavailable: 3 - done,
        };
      },
    });
    try {
      await applyObjects({ request: fake.request, objects: [daemonSet()] });
      const lines: string[] = [];
      const rollout = await waitForDaemonSetRollout({
        request: fake.request,
        namespace: 'default',
        name: 'agent',
        timeoutSeconds: 10,
        pollIntervalMs: 5,
        onProgress: line => lines.push(line),
      });
      expect(rollout).toEqual({
        desired: 3,
        updated: 3,
        ready: 3,
        available: 3,
        unavailable: 0,
        complete: true,
      });
      expect(lines).toEqual([
        '1/3 nodes updated and ready (2 unavailable)',
        '2/3 nodes updated and ready (1 unavailable)',
        '3/3 nodes updated and ready',
      ]);

      polls = -1_000_000;
      await expect(
        waitForDaemonSetRollout({
          request: fake.request,
          namespace: 'default',
          name: 'agent',
          timeoutSeconds: 0.05,
          pollIntervalMs: 5,
        }),
      ).rejects.toThrow(
        'DaemonSet default/agent did not finish rolling out within 0.05 seconds: 0/3 nodes updated and ready (3 unavailable)',
      );
      await expect(
        waitForDaemonSetRollout({
          request: fake.request,
          namespace: 'default',
          name: 'missing',
          timeoutSeconds: 1,
        }),
      ).rejects.toThrow('DaemonSet default/missing does not exist');
    } finally {
      await fake.close();
    }
  });
});
