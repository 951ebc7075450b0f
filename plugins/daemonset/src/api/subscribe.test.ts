/**
 * @jest-environment node
 */
import { LiveConnectionState } from './DaemonSetApi';
import { backoffDelay, subscribeToStatusStream } from './subscribe';

const encoder = new TextEncoder();

/** A streaming Response whose body the test writes to. */
function streamingResponse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    response: new Response(body, {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
    }),
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    close: () => controller.close(),
  };
}

const status = (n: number) => ({
  entityRef: 'component:default/a',
  clusters: [],
  generatedAt: `2024-01-01T00:00:0${n}Z`,
});

/** Waits until `condition` holds (at most 5 s), so that a busy machine cannot fail a test. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition() && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 5));
  }
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise(r => setImmediate(r));
};

describe('backoffDelay', () => {
  it('grows exponentially up to the maximum', () => {
    const options = { initialDelayMs: 1000, maxDelayMs: 8000, random: () => 0 };
    expect([0, 1, 2, 3, 4, 10].map(a => backoffDelay(a, options))).toEqual([
      500, 1000, 2000, 4000, 4000, 4000,
    ]);
    expect(backoffDelay(0, { ...options, random: () => 0.5 })).toBe(750);
  });
});

describe('subscribeToStatusStream', () => {
  it('delivers the snapshot and changes, reconnects with Last-Event-ID and backoff, and stops on unsubscribe', async () => {
    const first = streamingResponse();
    const second = streamingResponse();
    const fetch = jest
      .fn<Promise<Response>, [string, RequestInit?]>()
      .mockResolvedValueOnce(first.response)
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(second.response);
    const onStatus = jest.fn();
    const states: LiveConnectionState['state'][] = [];
    const delays: number[] = [];

    const unsubscribe = subscribeToStatusStream({
      url: async () =>
        'http://backend/api/daemonset/entity/default/component/a/status/stream',
      fetch,
      subscriber: {
        onStatus,
        onConnectionChange: s => {
          states.push(s.state);
          if (s.state === 'reconnecting') delays.push(s.retryInMs);
        },
      },
      backoff: { initialDelayMs: 10, maxDelayMs: 200, random: () => 0 },
    });

    await flush();
    first.write(
      `: keep-alive\n\nevent: snapshot\nid: v1\ndata: ${JSON.stringify(
        status(1),
      )}\n\n`,
    );
    first.write(
      `event: status\nid: v2\ndata: ${JSON.stringify(status(2)).slice(0, 10)}`,
    );
    await flush();
    first.write(`${JSON.stringify(status(2)).slice(10)}\n\n`);
    await flush();
    expect(onStatus.mock.calls.map(c => [c[0].generatedAt, c[1].id])).toEqual([
      ['2024-01-01T00:00:01Z', 'v1'],
      ['2024-01-01T00:00:02Z', 'v2'],
    ]);
    expect(fetch.mock.calls[0][1]?.headers).toEqual({
      Accept: 'text/event-stream',
    });

    // The stream ends: retry after the initial delay, fail once, retry after a doubled delay.
    first.close();
    await until(() => fetch.mock.calls.length >= 3);
    await flush();
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(delays).toEqual([5, 10]);
    expect(fetch.mock.calls[1][1]?.headers).toMatchObject({
      'Last-Event-ID': 'v2',
    });
    expect(fetch.mock.calls[2][1]?.headers).toMatchObject({
      'Last-Event-ID': 'v2',
    });

    second.write(
      `event: status\nid: v3\ndata: ${JSON.stringify(status(3))}\n\n`,
    );
    await flush();
    expect(onStatus).toHaveBeenCalledTimes(3);
    expect(states).toEqual([
      'connecting',
      'live',
      'reconnecting',
      'reconnecting',
      'live',
    ]);

    const signal = fetch.mock.calls[2][1]?.signal as AbortSignal;
    unsubscribe();
    expect(signal.aborted).toBe(true);
    await flush();
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(states[states.length - 1]).toBe('live');
  });

  it('reads CRLF streams split anywhere and keeps the last event ID for events without one', async () => {
    const stream = streamingResponse();
    const onStatus = jest.fn();
    const unsubscribe = subscribeToStatusStream({
      url: async () => 'http://backend/events',
      fetch: jest.fn().mockResolvedValueOnce(stream.response),
      subscriber: { onStatus },
    });
    await flush();
    stream.write(
      `event: snapshot\r\nid: v7\r\ndata: ${JSON.stringify(status(1))}\r`,
    );
    await flush();
    expect(onStatus).not.toHaveBeenCalled();
    stream.write(
      `\n\r\nevent: status\r\ndata: ${JSON.stringify(status(2))}\r\n\r\n`,
    );
    await flush();
    expect(onStatus.mock.calls.map(c => [c[0].generatedAt, c[1].id])).toEqual([
      ['2024-01-01T00:00:01Z', 'v7'],
      ['2024-01-01T00:00:02Z', 'v7'],
    ]);
    unsubscribe();
  });

  it('stops retrying and reports failure on a permanent error such as 403', async () => {
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'no daemonset.status.read',
            },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'content-type': 'application/json' } },
        ),
    );
    const onConnectionChange = jest.fn();
    subscribeToStatusStream({
      url: async () => 'http://x/events',
      fetch,
      subscriber: { onStatus: jest.fn(), onConnectionChange },
      backoff: { initialDelayMs: 1 },
    });
    await until(() =>
      onConnectionChange.mock.calls.some(([s]) => s.state === 'failed'),
    );
    await new Promise(r => setTimeout(r, 20));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(onConnectionChange).toHaveBeenLastCalledWith({
      state: 'failed',
      error: expect.objectContaining({ statusCode: 403 }),
    });
  });

  it('retries on 503 and does not call back after unsubscribe', async () => {
    const fetch = jest.fn(async () => new Response('down', { status: 503 }));
    const onConnectionChange = jest.fn();
    const unsubscribe = subscribeToStatusStream({
      url: async () => 'http://x/events',
      fetch,
      subscriber: { onStatus: jest.fn(), onConnectionChange },
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    await until(() => fetch.mock.calls.length > 2);
    expect(fetch.mock.calls.length).toBeGreaterThan(2);
    unsubscribe();
    const calls = fetch.mock.calls.length;
    const changes = onConnectionChange.mock.calls.length;
    await new Promise(r => setTimeout(r, 20));
    expect(fetch.mock.calls.length).toBeLessThanOrEqual(calls + 1);
    expect(onConnectionChange.mock.calls.length).toBe(changes);
  });

  it('applies patch events to the status it holds and resyncs on a patch that does not fit', async () => {
    const first = streamingResponse();
    const second = streamingResponse();
    const fetch = jest
      .fn<Promise<Response>, [string, RequestInit?]>()
      .mockResolvedValueOnce(first.response)
      .mockResolvedValueOnce(second.response);
    const onStatus = jest.fn();
    const unsubscribe = subscribeToStatusStream({
      url: async () => 'http://x/events?patches=true',
      fetch,
      subscriber: { onStatus },
      backoff: { initialDelayMs: 1000 },
    });
    const row = (node: string, verdict: string) => ({
      node: {
        name: node,
        ready: true,
        schedulable: true,
        labels: {},
        taints: [],
        conditions: [],
      },
      eligibility: { eligible: true, reasons: [] },
      verdict,
    });
    const report = (nodes: unknown[]) => ({
      cluster: 'c',
      daemonSet: { name: 'ds', namespace: 'default', uid: 'u1' },
      counts: {},
      connection: { state: 'connected', since: 'T' },
      observedAt: 'T',
      nodes,
    });
    const { nodes: _nodes, ...summary } = report([]);
    const snapshot = {
      entityRef: 'component:default/a',
      clusters: [
        {
          cluster: 'c',
          connection: { state: 'connected', since: 'T' },
          daemonSets: [report([row('n1', 'ok'), row('n2', 'ok')])],
        },
      ],
      generatedAt: 'T1',
    };
    const patch = (base: number, version: number) => ({
      base,
      version,
      entityRef: 'component:default/a',
      clusters: [
        {
          cluster: 'c',
          connection: { state: 'connected', since: 'T' },
          daemonSets: [
            {
              ...summary,
              nodeChanges: { upsert: [row('n2', 'failing')], remove: ['n1'] },
            },
          ],
        },
      ],
      generatedAt: `T${version}`,
    });

    await flush();
    first.write(
      `event: snapshot\nid: 1\ndata: ${JSON.stringify(snapshot)}\n\n`,
    );
    first.write(
      `event: patch\nid: 2\ndata: ${JSON.stringify(patch(1, 2))}\n\n`,
    );
    await flush();
    expect(onStatus).toHaveBeenCalledTimes(2);
    const patched = onStatus.mock.calls[1][0];
    expect(onStatus.mock.calls[1][1]).toEqual({ id: '2' });
    expect(patched.generatedAt).toBe('T2');
    expect(
      patched.clusters[0].daemonSets[0].nodes.map(
        (r: { node: { name: string }; verdict: string }) => [
          r.node.name,
          r.verdict,
        ],
      ),
    ).toEqual([['n2', 'failing']]);

    // A patch from a version it does not hold: reconnect at once, without Last-Event-ID.
    first.write(
      `event: patch\nid: 9\ndata: ${JSON.stringify(patch(8, 9))}\n\n`,
    );
    await flush();
    expect(onStatus).toHaveBeenCalledTimes(2);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1][1]?.headers).toEqual({
      Accept: 'text/event-stream',
    });
    unsubscribe();
  });
});
