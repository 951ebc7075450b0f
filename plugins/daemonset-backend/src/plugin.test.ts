import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { daemonSetPlugin } from './plugin';

const config = {
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'local',
            title: 'Local cluster',
            url: 'https://127.0.0.1:6443',
            serviceAccountToken: 'secret-token-value',
            caData: 'c2VjcmV0LWNh',
          },
        ],
      },
    ],
  },
};

describe('daemonSetPlugin', () => {
  it('lists configured clusters without URLs or credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        daemonSetPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });

    const response = await request(server).get('/api/daemonset/clusters');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [{ name: 'local', title: 'Local cluster' }],
    });
    expect(response.text).not.toContain('secret-token-value');
    expect(response.text).not.toContain('127.0.0.1');
    expect(response.text).not.toContain('c2VjcmV0LWNh');
  });

  it('refuses unauthenticated requests', async () => {
    const { server } = await startTestBackend({
      features: [
        daemonSetPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });

    const response = await request(server)
      .get('/api/daemonset/clusters')
      .set('Authorization', mockCredentials.none.header());

    expect(response.status).toBe(401);
  });
});
