import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { DaemonSetLifecycleState } from '@daemonsets/plugin-daemonset-common';
import { DecommissionDialog } from './DecommissionDialog';
import { editLink } from './editLink';
import { LifecycleClient } from './lifecycleClient';
import { RollbackDialog } from './RollbackDialog';

const template = (image: string) => ({
  metadata: { labels: { app: 'agent' } },
  spec: { containers: [{ name: 'agent', image }] },
});

const state: DaemonSetLifecycleState = {
  cluster: 'local',
  namespace: 'ops',
  name: 'agent',
  baseRevision: 7,
  nodeCount: 20,
  services: ['agent-metrics'],
  input: {
    name: 'agent',
    namespace: 'ops',
    containers: [{ name: 'agent', image: 'ghcr.io/acme/agent', tag: '2' }],
  },
  keptFields: [],
  problems: [],
  template: template('ghcr.io/acme/agent:2'),
  revisions: [
    {
      revision: 2,
      images: ['ghcr.io/acme/agent:2'],
      current: true,
      template: template('ghcr.io/acme/agent:2'),
    },
    {
      revision: 1,
      images: ['ghcr.io/acme/agent:1'],
      current: false,
      template: template('ghcr.io/acme/agent:1'),
    },
  ],
};

function fakeClient() {
  return {
    state: jest.fn(),
    rollback: jest.fn(async (body: { revision: number }) => ({
      outcome: 'applied' as const,
      revision: body.revision,
    })),
    decommission: jest.fn(async () => ({
      cluster: 'local',
      namespace: 'ops',
      daemonSet: 'agent',
      services: ['agent-metrics'],
    })),
  } satisfies LifecycleClient;
}

// Rendering in the test app is slow on a busy 2-core machine; no test bounds time under 10 s.
jest.setTimeout(30_000);

describe('lifecycle dialogs', () => {
  it('opens the template with the running input and its base revision as formData', () => {
    const url = new URL(editLink(state), 'http://app');
    expect(url.pathname).toBe('/create/templates/default/daemonset');
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      ...state.input,
      baseRevision: 7,
    });
  });

  it('names cluster, namespace and node count, and deletes only after the name is typed', async () => {
    const client = fakeClient();
    const onClose = jest.fn();
    await renderInTestApp(
      <DecommissionDialog state={state} client={client} onClose={onClose} />,
    );
    const summary = screen.getByTestId('lifecycle-decommission-summary');
    expect(summary.textContent).toContain('namespace ops of cluster local');
    expect(summary.textContent).toContain('20 nodes');
    expect(summary.textContent).toContain('agent-metrics');
    const submit = screen.getByTestId('lifecycle-decommission-submit');
    fireEvent.change(screen.getByTestId('lifecycle-decommission-confirm'), {
      target: { value: 'agen' },
    });
    expect(submit).toBeDisabled();
    fireEvent.change(screen.getByTestId('lifecycle-decommission-confirm'), {
      target: { value: 'agent' },
    });
    expect(submit).toBeEnabled();
    fireEvent.click(submit);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(client.decommission).toHaveBeenCalledWith({
      confirm: 'agent',
      baseRevision: 7,
    });
  });

  it('lists revisions with their images, shows the diff, and rolls back from the base revision', async () => {
    const client = fakeClient();
    const onClose = jest.fn();
    await renderInTestApp(
      <RollbackDialog state={state} client={client} onClose={onClose} />,
    );
    expect(screen.getByTestId('lifecycle-revision-2').textContent).toContain(
      'runs now',
    );
    expect(screen.getByTestId('lifecycle-revision-1').textContent).toContain(
      'ghcr.io/acme/agent:1',
    );
    const lines = Array.from(
      screen.getByTestId('lifecycle-rollback-diff').children,
    ).map(line => line.textContent!.replace(/\s+/g, ' ').trim());
    expect(lines).toContain('- image: ghcr.io/acme/agent:2');
    expect(lines).toContain('+ image: ghcr.io/acme/agent:1');
    fireEvent.click(screen.getByTestId('lifecycle-rollback-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(client.rollback).toHaveBeenCalledWith({
      revision: 1,
      baseRevision: 7,
    });
  });
});
