import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';
import { ApprovalService } from '../approvals/ApprovalService';
import { ApprovalStore } from '../approvals/ApprovalStore';
import { createRouter } from '../service/router';
import { createTroubleshootingRouter } from '../troubleshooting';
import { createLifecycleRouter } from '../lifecycle';
import { StatusViews } from '../watch/StatusViews';
import { WizardServices } from '../wizard/WizardServices';
import { defaultApprovalPolicy } from '@daemonsets/plugin-daemonset-common';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const document = parse(
      fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    ) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths)
      .flatMap(([p, methods]) =>
        Object.keys(methods).map(
          m => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
      )
      .sort();

    const views = new StatusViews({
      clusters: new Map(),
      idleTimeoutMs: 60_000,
      logger: mockServices.logger.mock(),
    });
    const router = await createRouter({
      clusters: [],
      views,
      catalog: catalogServiceMock(),
      permissions: mockServices.permissions(),
      httpAuth: mockServices.httpAuth(),
      initialListTimeoutMs: 0,
      wizard: new WizardServices({
        clusters: [],
        watches: new Map(),
        idleTimeoutMs: 60_000,
        initialListTimeoutMs: 0,
      }),
      policy: defaultApprovalPolicy,
      // Only the routes are listed here: nothing reaches the store.
      approvals: new ApprovalService(
        {
          config: new ConfigReader({}),
          database: mockServices.database.mock(),
          logger: mockServices.logger.mock(),
          auditor: mockServices.auditor.mock(),
          permissions: mockServices.permissions(),
          permissionsRegistry: mockServices.permissionsRegistry.mock(),
          notifications: { send: jest.fn() },
          clusters: [],
        },
        new ApprovalStore({} as Knex),
      ),
    });
    views.close();
    const troubleshooting = createTroubleshootingRouter({
      clusters: [],
      catalog: catalogServiceMock(),
      permissions: mockServices.permissions(),
      httpAuth: mockServices.httpAuth(),
      auditor: mockServices.auditor.mock(),
      logMaxBytes: 1,
    });
    const lifecycle = createLifecycleRouter({
      clusters: [],
      catalog: catalogServiceMock(),
      permissions: mockServices.permissions(),
      httpAuth: mockServices.httpAuth(),
      auditor: mockServices.auditor.mock(),
      approvals: { createRequest: jest.fn() },
      policy: () => defaultApprovalPolicy,
    });
    const served = [router, troubleshooting, lifecycle]
      .flatMap(r => (r as unknown as { stack: Layer[] }).stack ?? [])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route!.methods).map(
          m => `${m.toUpperCase()} ${layer.route!.path}`,
        ),
      )
      .sort();

    expect(served.length).toBeGreaterThan(0);
    expect(served).toEqual(documented);
  });
});
