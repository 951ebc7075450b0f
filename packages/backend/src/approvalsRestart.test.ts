import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import daemonSetPlugin from '@daemonsets/plugin-daemonset-backend';
import request from 'supertest';

const DEV = 'user:default/dev';

const manifest = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: apps
  labels: { app: agent }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      containers:
        - name: agent
          image: registry.k8s.io/pause:3.9
          securityContext: { privileged: true }
`;

/**
 * The local portal's database setting (app-config.yaml: SQLite files in a directory) with the
 * DaemonSet backend plugin, started twice on the same directory as a restart does.
 */
async function startPortalBackend(directory: string) {
  return startTestBackend({
    features: [
      daemonSetPlugin,
      databaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'better-sqlite3', connection: { directory } },
          },
          daemonset: {
            approval: { approversGroup: 'group:default/platform-team' },
          },
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'local',
                    // Never reached: nothing is approved, so nothing is applied.
                    url: 'https://127.0.0.1:1',
                    serviceAccountToken: 'unused',
                  },
                ],
              },
            ],
          },
        },
      }),
      catalogServiceMock.factory({ entities: [] }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
}

describe('the local portal keeps approval requests across a restart', () => {
  const directory = mkdtempSync(join(tmpdir(), 'portal-sqlite-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads a pending request filed before the restart, unchanged', async () => {
    const first = await startPortalBackend(directory);
    const filed = await request(first.server)
      .post('/api/daemonset/approvals')
      .set('Authorization', mockCredentials.user.header(DEV))
      .send({ cluster: 'local', namespace: 'apps', name: 'agent', manifest });
    expect(filed.status).toBe(201);
    expect(filed.body.state).toBe('pending');
    await first.stop();
    expect(readdirSync(directory)).toContain('daemonset.sqlite');

    const second = await startPortalBackend(directory);
    try {
      const read = await request(second.server)
        .get(`/api/daemonset/approvals/${filed.body.id}`)
        .set('Authorization', mockCredentials.user.header(DEV));
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        id: filed.body.id,
        state: 'pending',
        requester: DEV,
        manifest,
        sha256: filed.body.sha256,
        reasons: filed.body.reasons,
      });
    } finally {
      await second.stop();
    }
  });
});
