import { Entity } from '@backstage/catalog-model';
import { isDaemonSetAvailable } from './annotations';

const entity = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'agent', annotations },
  spec: {},
});

describe('isDaemonSetAvailable', () => {
  it('is true with a kubernetes-id annotation', () => {
    expect(
      isDaemonSetAvailable(entity({ 'backstage.io/kubernetes-id': 'agent' })),
    ).toBe(true);
  });

  it('is true with a label selector annotation', () => {
    expect(
      isDaemonSetAvailable(
        entity({ 'backstage.io/kubernetes-label-selector': 'app=agent' }),
      ),
    ).toBe(true);
  });

  it('is false without either annotation, or with blank values', () => {
    expect(isDaemonSetAvailable(entity())).toBe(false);
    expect(
      isDaemonSetAvailable(entity({ 'backstage.io/kubernetes-id': '  ' })),
    ).toBe(false);
  });
});
