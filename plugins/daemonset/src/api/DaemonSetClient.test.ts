import { DaemonSetClient } from './DaemonSetClient';

describe('DaemonSetClient', () => {
  const discoveryApi = {
    getBaseUrl: jest.fn(async () => 'http://backend/api/daemonset'),
  };

  it('requests the entity status with an encoded entity ref', async () => {
    const fetch = jest.fn(
      async () =>
        new Response(JSON.stringify({ entityRef: 'x', clusters: [] }), {
          status: 200,
        }),
    );
    const client = new DaemonSetClient({ discoveryApi, fetchApi: { fetch } });

    await client.getEntityStatus({
      kind: 'Component',
      namespace: 'default',
      name: 'a/b',
    });

    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/daemonset/entity/default/Component/a%2Fb/status',
    );
  });

  it('turns an error response into a ResponseError carrying the status', async () => {
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotAllowedError', message: 'nope' },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'content-type': 'application/json' } },
        ),
    );
    const client = new DaemonSetClient({ discoveryApi, fetchApi: { fetch } });

    await expect(client.listClusters()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
    });
  });
});

describe('DaemonSetClient.getApprovalPolicy', () => {
  const discoveryApi = {
    getBaseUrl: jest.fn(async () => 'http://backend/api/daemonset'),
  };
  const policy = { privileged: 'requireApproval' };

  it('asks the backend once for every picker, validation and review of the page', async () => {
    const fetch = jest.fn(
      async () => new Response(JSON.stringify(policy), { status: 200 }),
    );
    const client = new DaemonSetClient({ discoveryApi, fetchApi: { fetch } });

    const answers = await Promise.all([
      client.getApprovalPolicy(),
      client.getApprovalPolicy(),
    ]);
    await client.getApprovalPolicy();

    expect(answers).toEqual([policy, policy]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith('http://backend/api/daemonset/policy');
  });

  it('asks again after a failed answer instead of keeping the failure', async () => {
    const fetch = jest
      .fn()
      .mockResolvedValueOnce(new Response('{}', { status: 503 }))
      .mockResolvedValueOnce(
        new Response(JSON.stringify(policy), { status: 200 }),
      );
    const client = new DaemonSetClient({ discoveryApi, fetchApi: { fetch } });

    await expect(client.getApprovalPolicy()).rejects.toMatchObject({
      statusCode: 503,
    });
    await expect(client.getApprovalPolicy()).resolves.toEqual(policy);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('DaemonSetClient.subscribeToEntityStatus', () => {
  it('opens the events endpoint through the FetchApi with an abort signal', async () => {
    const discoveryApi = {
      getBaseUrl: jest.fn(async () => 'http://backend/api/daemonset'),
    };
    const fetch = jest.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response(null, { status: 404 }),
    );
    const client = new DaemonSetClient({ discoveryApi, fetchApi: { fetch } });
    const onConnectionChange = jest.fn();
    const unsubscribe = client.subscribeToEntityStatus(
      { kind: 'Component', namespace: 'default', name: 'a' },
      { onStatus: jest.fn(), onConnectionChange },
    );
    for (let i = 0; i < 1000 && fetch.mock.calls.length === 0; i++) {
      await new Promise(r => setTimeout(r, 5));
    }
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/daemonset/entity/default/Component/a/status/stream?patches=true',
      expect.objectContaining({
        headers: { Accept: 'text/event-stream' },
        signal: expect.anything(),
      }),
    );
    expect(onConnectionChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ state: 'failed' }),
    );
    unsubscribe();
  });
});
