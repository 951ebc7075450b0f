import { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { readDaemonSetPodMetrics, toPodUsage } from './podMetrics';

const SECRET = 'sekret-bearer-4711';

const scope = {
  entityRef: 'component:default/agent',
  clusters: ['local'],
  namespace: 'agents',
  labelSelector: 'app.kubernetes.io/name=agent',
  key: 'k',
};

/**
 * A narrow fake API server: the DaemonSet list, and the metrics API when `withMetrics`; with
 * `podsFailure`, the pod metrics list answers that status with a body holding a secret.
 */
async function fakeApiServer(withMetrics: boolean, podsFailure?: number) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    seen.push(`${url.pathname}?${url.searchParams}`);
    const json = (body: unknown) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/apis/apps/v1/namespaces/agents/daemonsets') {
      json({
        items:
          url.searchParams.get('fieldSelector') === 'metadata.name=agent'
            ? [{ spec: { selector: { matchLabels: { app: 'agent' } } } }]
            : [],
      });
    } else if (withMetrics && url.pathname === '/apis/metrics.k8s.io/v1beta1') {
      json({ kind: 'APIResourceList' });
    } else if (
      podsFailure &&
      url.pathname === '/apis/metrics.k8s.io/v1beta1/namespaces/agents/pods'
    ) {
      res.statusCode = podsFailure;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ message: `token ${SECRET} rejected` }));
    } else if (
      withMetrics &&
      url.pathname === '/apis/metrics.k8s.io/v1beta1/namespaces/agents/pods'
    ) {
      json({
        items: [
          {
            metadata: { name: 'agent-a' },
            containers: [
              { usage: { cpu: '250m', memory: '64Mi' } },
              { usage: { cpu: '1500000n', memory: '1Ki' } },
            ],
          },
        ],
      });
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        skipTLSVerify: true,
      },
    ],
    users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return { kc, seen, close: () => server.close() };
}

describe('readDaemonSetPodMetrics', () => {
  it('reads the pods by the DaemonSet selector when the metrics API is served', async () => {
    const api = await fakeApiServer(true);
    try {
      const metrics = await readDaemonSetPodMetrics(api.kc, scope, {
        namespace: 'agents',
        name: 'agent',
      });
      expect(metrics).toEqual({
        available: true,
        pods: [
          {
            name: 'agent-a',
            cpuMillicores: 252,
            memoryBytes: 64 * 1024 * 1024 + 1024,
          },
        ],
      });
      expect(api.seen).toContain(
        '/apis/metrics.k8s.io/v1beta1/namespaces/agents/pods?labelSelector=app%3Dagent',
      );
    } finally {
      api.close();
    }
  });

  it('says the metrics API is absent when discovery does not find it', async () => {
    const api = await fakeApiServer(false);
    try {
      await expect(
        readDaemonSetPodMetrics(api.kc, scope, {
          namespace: 'agents',
          name: 'agent',
        }),
      ).resolves.toEqual({ available: false });
    } finally {
      api.close();
    }
  });

  it('refuses a DaemonSet outside the entity', async () => {
    const api = await fakeApiServer(true);
    try {
      await expect(
        readDaemonSetPodMetrics(api.kc, scope, {
          namespace: 'agents',
          name: 'other',
        }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        readDaemonSetPodMetrics(api.kc, scope, {
          namespace: 'elsewhere',
          name: 'agent',
        }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      expect(api.seen.some(p => p.startsWith('/apis/metrics'))).toBe(false);
    } finally {
      api.close();
    }
  });
});

describe('readDaemonSetPodMetrics errors', () => {
  it.each([
    [500, 'ServiceUnavailableError', 'HTTP 500'],
    [403, 'ServiceUnavailableError', 'HTTP 403'],
    [400, 'InputError', 'HTTP 400'],
  ])(
    'maps HTTP %i to %s with a status-only message',
    async (status, name, words) => {
      const api = await fakeApiServer(true, status);
      try {
        const error = await readDaemonSetPodMetrics(api.kc, scope, {
          namespace: 'agents',
          name: 'agent',
        }).catch(e => e);
        expect(error).toMatchObject({ name });
        expect(error.message).toContain('Could not read pod metrics');
        expect(error.message).toContain(words);
        expect(JSON.stringify(error)).not.toContain(SECRET);
        expect(String(error.stack)).not.toContain(SECRET);
        expect(error.cause).toBeUndefined();
      } finally {
        api.close();
      }
    },
  );
});

describe('toPodUsage', () => {
  it('sums containers and parses Kubernetes quantities', () => {
    expect(
      toPodUsage({
        items: [
          {
            metadata: { name: 'p' },
            containers: [
              { usage: { cpu: '2', memory: '1G' } },
              { usage: { cpu: '500u', memory: '1Gi' } },
            ],
          },
          { containers: [] },
        ],
      }),
    ).toEqual([
      { name: 'p', cpuMillicores: 2001, memoryBytes: 1e9 + 1024 ** 3 },
    ]);
  });
});
