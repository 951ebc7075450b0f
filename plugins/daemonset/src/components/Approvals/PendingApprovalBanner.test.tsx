import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { daemonSetApiRef } from '../../api';
import {
  FakeDaemonSetApi,
  makeApprovalRequest,
} from '../../__testUtils__/fixtures';
import { PendingApprovalBanner } from './PendingApprovalBanner';

async function renderBanner(api: FakeDaemonSetApi) {
  await renderInTestApp(
    <TestApiProvider apis={[[daemonSetApiRef, api]]}>
      <div data-testid="rendered">
        <PendingApprovalBanner
          entityRef="component:default/node-agent"
          daemonSets={[{ cluster: 'prod', namespace: 'ops', name: 'logs' }]}
        />
      </div>
    </TestApiProvider>,
  );
}

describe('PendingApprovalBanner', () => {
  it('links each pending request of the entity or of one of its DaemonSets', async () => {
    const api = new FakeDaemonSetApi();
    api.approvals = [
      makeApprovalRequest({ id: 'by-entity' }),
      makeApprovalRequest({
        id: 'by-daemonset',
        name: 'logs',
        entityRef: undefined,
      }),
      makeApprovalRequest({
        id: 'other',
        name: 'else',
        entityRef: 'component:default/other',
      }),
      makeApprovalRequest({ id: 'done', state: 'applied' }),
    ];
    await renderBanner(api);

    const links = await screen.findAllByRole('link', {
      name: 'Review the request',
    });
    expect(links.map(l => l.getAttribute('href'))).toEqual([
      '/daemonset-approvals/by-entity',
      '/daemonset-approvals/by-daemonset',
    ]);
    expect(api.calls).toContain('listApprovalRequests {"state":"pending"}');
  });

  it('shows nothing when no request waits or the requests cannot be read', async () => {
    const api = new FakeDaemonSetApi();
    api.approvals = new Error('403');
    await renderBanner(api);

    await screen.findByTestId('rendered');
    expect(api.calls).toContain('listApprovalRequests {"state":"pending"}');
    expect(screen.queryByTestId('daemonset-approval-banner')).toBeNull();
  });
});
