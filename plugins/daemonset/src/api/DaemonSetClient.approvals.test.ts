import { DaemonSetClient } from './DaemonSetClient';

const base = 'http://backend/api/daemonset';

function clientAnswering(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  const client = new DaemonSetClient({
    discoveryApi: { getBaseUrl: async () => base },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

describe('DaemonSetClient approvals', () => {
  it('lists requests with only the filters given, encoded', async () => {
    const { client, fetch } = clientAnswering(200, { items: [{ id: 'a' }] });

    const items = await client.listApprovalRequests({
      state: 'pending',
      cluster: 'local cluster',
      name: '',
    });

    expect(items).toEqual([{ id: 'a' }]);
    expect(fetch).toHaveBeenCalledWith(
      `${base}/approvals?state=pending&cluster=local+cluster`,
    );
  });

  it('lists without a query string when there is no filter', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.listApprovalRequests();
    expect(fetch).toHaveBeenCalledWith(`${base}/approvals`);
  });

  it('reads one request and its live objects by encoded id', async () => {
    const { client, fetch } = clientAnswering(200, { objects: [] });
    await client.getApprovalRequest('a/b');
    await client.getApprovalLiveObjects('a/b');
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${base}/approvals/a%2Fb`,
      `${base}/approvals/a%2Fb/live`,
    ]);
  });

  it('posts a decision as JSON', async () => {
    const { client, fetch } = clientAnswering(200, {
      id: 'r1',
      state: 'rejected',
    });

    const answer = await client.decideApprovalRequest('r1', {
      decision: 'reject',
      comment: 'no host network',
    });

    expect(answer).toEqual({ id: 'r1', state: 'rejected' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${base}/approvals/r1/decisions`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({
      decision: 'reject',
      comment: 'no host network',
    });
  });

  it.each([
    ['withdrawApprovalRequest', 'withdraw'],
    ['retryApprovalRequest', 'retry'],
  ] as const)('%s posts to /%s without a body', async (method, path) => {
    const { client, fetch } = clientAnswering(200, { id: 'r1' });
    await client[method]('r1');
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${base}/approvals/r1/${path}`);
    expect(init).toEqual({ method: 'POST' });
  });

  it('turns a refused decision into a ResponseError with the status and message', async () => {
    const { client } = clientAnswering(409, {
      error: { name: 'ConflictError', message: 'request is not pending' },
      response: { statusCode: 409 },
    });

    await expect(
      client.decideApprovalRequest('r1', { decision: 'approve' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 409,
      body: { error: { message: 'request is not pending' } },
    });
  });
});
