import { kubeConfigFor } from './kubeConfigFor';

describe('kubeConfigFor', () => {
  it('points at the configured server with the service account token', async () => {
    const kubeConfig = kubeConfigFor({
      name: 'local',
      url: 'https://127.0.0.1:6443',
      serviceAccountToken: 'token-1',
      caData: 'Q0E=',
      skipTLSVerify: false,
    });

    expect(kubeConfig.getCurrentCluster()).toMatchObject({
      name: 'local',
      server: 'https://127.0.0.1:6443',
      caData: 'Q0E=',
      skipTLSVerify: false,
    });
    const options = { headers: {} as Record<string, string> };
    await kubeConfig.applyToHTTPSOptions(options);
    expect(options.headers.Authorization).toBe('Bearer token-1');
  });
});
