import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { daemonSetApiRef } from '../../api';
import {
  FakeDaemonSetApi,
  makeApprovalRequest,
} from '../../__testUtils__/fixtures';
import { ApprovalsPage } from './ApprovalsPage';

// Rendering MUI tables in jsdom is slow on a busy machine.
jest.setTimeout(60000);

async function renderPage(options: {
  api: FakeDaemonSetApi;
  user: string;
  mayApprove: boolean;
  path?: string;
}) {
  const permission = mockApis.permission({
    authorize: options.mayApprove
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [daemonSetApiRef, options.api],
        [identityApiRef, mockApis.identity({ userEntityRef: options.user })],
        [permissionApiRef, permission],
      ]}
    >
      <ApprovalsPage />
    </TestApiProvider>,
    { routeEntries: [options.path ?? '/'] },
  );
}

describe('Approvals list', () => {
  it('lists pending requests first and filters by state', async () => {
    const api = new FakeDaemonSetApi();
    api.approvals = [
      makeApprovalRequest({
        id: 'new-applied',
        name: 'applied-one',
        state: 'applied',
      }),
      makeApprovalRequest({ id: 'old-pending', name: 'pending-one' }),
    ];
    await renderPage({ api, user: 'user:default/platform', mayApprove: true });

    const links = await screen.findAllByRole('link', { name: /^ops\// });
    expect(links.map(l => l.textContent)).toEqual([
      'ops/pending-one',
      'ops/applied-one',
    ]);
    expect(links[0]).toHaveAttribute('href', '/old-pending');

    await userEvent.click(
      screen
        .getAllByRole('button')
        .find(b => b.id === 'daemonset-approvals-state')!,
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'applied' }),
    );

    await waitFor(() =>
      expect(
        screen.getAllByRole('link', { name: /^ops\// }).map(l => l.textContent),
      ).toEqual(['ops/applied-one']),
    );
    expect(api.calls).toContain('listApprovalRequests {"state":"applied"}');
  });
});

describe('Approval request page', () => {
  it('shows requester, reasons, the risky lines and approves with a comment', async () => {
    const api = new FakeDaemonSetApi();
    api.approvals = [makeApprovalRequest()];
    await renderPage({
      api,
      user: 'user:default/platform',
      mayApprove: true,
      path: '/req-1',
    });

    expect(await screen.findByText('user:default/dev')).toBeInTheDocument();
    expect(screen.getByTestId('approval-reasons')).toHaveTextContent(
      'container agent is privileged',
    );
    const risky = await screen.findAllByTestId('risky-line');
    expect(risky.map(l => l.getAttribute('aria-label'))).toEqual([
      'line 13: privileged',
    ]);
    expect(screen.getByTestId('approval-live-none')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Comment'), 'looks right');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));

    expect(api.calls).toContain('decide req-1 approve looks right');
    await waitFor(() =>
      expect(screen.getAllByTestId('approval-state')[0]).toHaveTextContent(
        'approved',
      ),
    );
    expect(screen.getByTestId('approval-decisions')).toHaveTextContent(
      'Approved by user:default/me',
    );
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('hides Approve and Reject from the requester, who may withdraw', async () => {
    const api = new FakeDaemonSetApi();
    api.approvals = [makeApprovalRequest()];
    await renderPage({
      api,
      user: 'user:default/dev',
      mayApprove: true,
      path: '/req-1',
    });

    const withdraw = await screen.findByRole('button', { name: 'Withdraw' });
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();

    await userEvent.click(withdraw);
    expect(api.calls).toContain('withdraw req-1');
    await waitFor(() =>
      expect(screen.getAllByTestId('approval-state')[0]).toHaveTextContent(
        'withdrawn',
      ),
    );
  });

  it('hides Approve when the permission policy denies it', async () => {
    const api = new FakeDaemonSetApi();
    // A request id of its own: usePermission caches answers per permission and resource.
    api.approvals = [
      makeApprovalRequest({
        id: 'req-denied',
        requester: 'user:default/other',
      }),
    ];
    await renderPage({
      api,
      user: 'user:default/dev',
      mayApprove: false,
      path: '/req-denied',
    });

    expect(
      await screen.findByText('Nothing for you to decide here.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Withdraw' })).toBeNull();
  });

  it('shows why an apply failed and lets an approver retry it', async () => {
    const api = new FakeDaemonSetApi();
    api.approvals = [
      makeApprovalRequest({ state: 'failed', error: 'rollout timed out' }),
    ];
    await renderPage({
      api,
      user: 'user:default/platform',
      mayApprove: true,
      path: '/req-1',
    });

    expect(await screen.findByText('rollout timed out')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry apply' }));
    expect(api.calls).toContain('retry req-1');
  });

  it('shows the refusal of the backend, e.g. a request no longer pending', async () => {
    const api = new FakeDaemonSetApi();
    api.approvals = [makeApprovalRequest()];
    api.decideApprovalRequest = async () => {
      throw new Error('Approval request req-1 is rejected, not pending');
    };
    await renderPage({
      api,
      user: 'user:default/platform',
      mayApprove: true,
      path: '/req-1',
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    expect(
      await screen.findByText(
        'Approval request req-1 is rejected, not pending',
      ),
    ).toBeInTheDocument();
  });

  it('diffs the request against the DaemonSet that runs now', async () => {
    const api = new FakeDaemonSetApi();
    api.approvals = [makeApprovalRequest()];
    api.liveObjects = [
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent', namespace: 'ops', uid: 'u' },
        spec: {
          template: {
            spec: {
              containers: [{ name: 'agent', image: 'ghcr.io/acme/agent:1.0' }],
            },
          },
        },
      },
    ];
    await renderPage({
      api,
      user: 'user:default/platform',
      mayApprove: true,
      path: '/req-1',
    });

    const diff = await screen.findByTestId('approval-live-diff');
    expect(diff).toHaveTextContent('DaemonSet ops/agent: changed');
    expect(
      within(diff).getByText(/- +image: ghcr.io\/acme\/agent:1.0/),
    ).toBeInTheDocument();
    expect(
      within(diff).getByText(/\+ +image: ghcr.io\/acme\/agent:2.0/),
    ).toBeInTheDocument();
  });
});
