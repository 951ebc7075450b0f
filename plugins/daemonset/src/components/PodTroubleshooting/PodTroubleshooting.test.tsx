import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DaemonSetApi, daemonSetApiRef } from '../../api';
import {
  entity,
  makeCluster,
  makeReport,
  makeRow,
  makeStatus,
} from '../../__testUtils__/fixtures';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { useState } from 'react';
import { PodTroubleshooting } from './PodTroubleshooting';

// Several renders with MUI dialogs: slow on a loaded 2-core machine.
jest.setTimeout(30_000);

const row = makeRow(1, 'failing');

function fakeApi() {
  const calls = {
    restart: [] as unknown[],
    logs: [] as unknown[],
    unsubscribed: 0,
  };
  const api = {
    getEntityStatus: async () =>
      makeStatus([makeCluster('prod', [makeReport([row])])]),
    subscribeToPodEvents: (_e: unknown, pod: unknown, s: any) => {
      s.onEvents({
        ...(pod as object),
        events: [
          {
            uid: 'e1',
            type: 'Warning',
            reason: 'BackOff',
            message: 'Back-off restarting failed container',
            involvedObject: { kind: 'Pod', name: row.pod!.name },
            count: 3,
            lastSeen: '2024-05-01T12:00:00Z',
          },
        ],
      });
      return () => {
        calls.unsubscribed++;
      };
    },
    readPodLogs: async (
      _e: unknown,
      _p: unknown,
      query: { previous?: boolean },
      onText: (t: string) => void,
    ) => {
      calls.logs.push(query);
      onText(query.previous ? 'fatal: crashed\n' : 'started\n');
    },
    restartPod: async (_e: unknown, pod: { name: string }) => {
      calls.restart.push(pod);
      return { cluster: 'prod', namespace: 'x', pod: pod.name, uid: 'u' };
    },
  };
  return { api: api as unknown as DaemonSetApi, calls };
}

/** The row as the live status changes it: a button in the test swaps it. */
const LiveRow = (props: { rows: NodeRow[] }) => {
  const [index, setIndex] = useState(0);
  return (
    <>
      <button onClick={() => setIndex(i => i + 1)}>next status</button>
      <PodTroubleshooting row={props.rows[index]} />
    </>
  );
};

async function render(
  allowed: boolean,
  name = entity.metadata.name,
  rows: NodeRow[] = [row],
) {
  const { api, calls } = fakeApi();
  const result = await renderInTestApp(
    <TestApiProvider
      apis={[
        [daemonSetApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
      ]}
    >
      <EntityProvider
        entity={{ ...entity, metadata: { ...entity.metadata, name } }}
      >
        <LiveRow rows={rows} />
      </EntityProvider>
    </TestApiProvider>,
  );
  return { calls, result };
}

describe('PodTroubleshooting', () => {
  it('shows events, current and previous logs, and restarts after confirmation', async () => {
    const { calls, result } = await render(true);
    const events = await screen.findByRole('table', { name: 'Pod events' });
    expect(events).toHaveTextContent('BackOff');
    expect(events).toHaveTextContent('Back-off restarting failed container');
    expect(await screen.findByLabelText('Container log')).toHaveTextContent(
      'started',
    );
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Previous instance' }),
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Container log')).toHaveTextContent(
        'fatal: crashed',
      ),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Restart pod' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      `Pod ${row.pod!.name} on node ${row.node.name} (cluster prod)`,
    );
    expect(calls.restart).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Restart' }));
    await waitFor(() =>
      expect(calls.restart).toEqual([
        { cluster: 'prod', namespace: row.pod!.namespace, name: row.pod!.name },
      ]),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      `Pod ${row.pod!.name} deleted`,
    );
    result.unmount();
    expect(calls.unsubscribed).toBe(1);
  });

  it('keeps the restart outcome while the deleted pod is replaced', async () => {
    const replaced = makeRow(1, 'ok');
    const { calls } = await render(true, 'restarted-agent', [
      row,
      { ...row, pod: undefined },
      replaced,
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Restart pod' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Restart' }));
    await waitFor(() => expect(calls.restart).toHaveLength(1));
    const deleted = `Pod ${row.pod!.name} deleted`;
    expect(await screen.findByRole('status')).toHaveTextContent(deleted);

    fireEvent.click(screen.getByRole('button', { name: 'next status' }));
    expect(screen.queryByRole('button', { name: 'Restart pod' })).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent(deleted);

    fireEvent.click(screen.getByRole('button', { name: 'next status' }));
    expect(
      await screen.findByRole('button', { name: 'Restart pod' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(deleted);
  });

  it('hides logs and restart when the policy denies them, and still shows events', async () => {
    // Another entity: usePermission caches its answers per permission and resource.
    const { calls } = await render(false, 'denied-agent');
    expect(
      await screen.findByRole('table', { name: 'Pod events' }),
    ).toHaveTextContent('BackOff');
    expect(screen.queryByLabelText('Container log')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Restart pod' })).toBeNull();
    expect(calls.logs).toHaveLength(0);
  });

  it('renders nothing outside an entity page', async () => {
    const { api } = fakeApi();
    await renderInTestApp(
      <TestApiProvider apis={[[daemonSetApiRef, api]]}>
        <PodTroubleshooting row={row} />
      </TestApiProvider>,
    );
    expect(screen.queryByTestId('pod-troubleshooting')).toBeNull();
  });
});
