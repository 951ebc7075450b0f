import { kubeConfigFor } from '@daemonsets/plugin-daemonset-node';
import net from 'node:net';
import { AddressInfo } from 'node:net';
import {
  FakeApiServer,
  startFakeApiServer,
} from '../__testUtils__/fakeApiServer';
import { ClusterProbe } from './clusterProbe';

// Waits below are event-driven with a 15 s ceiling; the test ceiling is above it.
jest.setTimeout(30_000);

describe('ClusterProbe', () => {
  let api: FakeApiServer;

  beforeEach(async () => {
    api = await startFakeApiServer();
  });
  afterEach(() => api.close());

  const kubeConfigs = (url: string) =>
    new Map([
      [
        'c',
        kubeConfigFor({
          name: 'c',
          url,
          serviceAccountToken: 't',
          skipTLSVerify: true,
        }),
      ],
    ]);

  it('shares one check between concurrent callers and reuses it while fresh', async () => {
    const probe = new ClusterProbe(kubeConfigs(api.url), { ttlMs: 200 });

    const answers = await Promise.all([probe.check('c'), probe.check('c')]);
    const cached = await probe.check('c');

    expect(answers[0]).toEqual({
      state: 'connected',
      checkedAt: expect.any(String),
    });
    expect(answers[1]).toBe(answers[0]);
    expect(cached).toBe(answers[0]);
    expect(api.requests).toHaveLength(1);

    await new Promise(r => setTimeout(r, 250));
    await probe.check('c');
    expect(api.requests).toHaveLength(2);
  });

  it('says in words why a check failed', async () => {
    api.failures.set('/api', 401);
    const probe = new ClusterProbe(kubeConfigs(api.url));
    expect(await probe.check('c')).toEqual({
      state: 'failed',
      message: 'HTTP 401: the service account token was rejected',
      checkedAt: expect.any(String),
    });
  });

  it('gives up on a server that does not answer', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer(socket => void sockets.push(socket));
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as AddressInfo;
    const probe = new ClusterProbe(kubeConfigs(`http://127.0.0.1:${port}`), {
      timeoutMs: 200,
    });
    try {
      // The message names the probe's own timeout: the check ended by it, not by the server.
      expect(await probe.check('c')).toMatchObject({
        state: 'failed',
        message: 'no answer within 0.2 s',
      });
    } finally {
      sockets.forEach(s => s.destroy());
      await new Promise(r => silent.close(r));
    }
  });
});
