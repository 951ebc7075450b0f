import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import plugin from './alpha';
import { daemonSetApiRef } from './api';
import {
  FakeDaemonSetApi,
  entity,
  makeCluster,
  makeReport,
  makeRow,
  makeStatus,
} from './__testUtils__/fixtures';

describe('daemonset plugin (new frontend system)', () => {
  it('provides the entity content tab, which renders the live node table', async () => {
    const api = new FakeDaemonSetApi(
      makeStatus([
        makeCluster('prod', [makeReport([makeRow(1), makeRow(2, 'failing')])]),
      ]),
    );
    const extension = plugin.getExtension('entity-content:daemonset');
    const tester = createExtensionTester(extension);

    renderInTestApp(
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
      { apis: [[daemonSetApiRef, api]] },
    );

    expect(
      await screen.findByTestId('daemonset-tab-content'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('row', { name: /^node-2: Failing/ }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('daemonset-live-indicator')).toHaveTextContent(
      'Live',
    );
  });

  it('registers the entity content extension under its id', () => {
    const extension = plugin.getExtension('entity-content:daemonset');
    const tester = createExtensionTester(extension);
    expect(tester.snapshot()).toMatchObject({ id: 'entity-content:daemonset' });
  });
});
