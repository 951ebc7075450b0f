import {
  createConfiguration,
  KubeConfig,
  KubernetesObjectApi,
  RequestContext,
  ResponseContext,
  ServerConfiguration,
  V1APIResourceList,
} from '@kubernetes/client-node';

/**
 * The API resources of the applicable kinds (`APPLICABLE_KINDS`), as discovery would answer.
 * They are fixed by Kubernetes' API, so `KubernetesObjectApi` needs no discovery request first.
 */
const RESOURCES: Record<string, V1APIResourceList> = {
  'apps/v1': {
    groupVersion: 'apps/v1',
    resources: [
      {
        name: 'daemonsets',
        singularName: 'daemonset',
        kind: 'DaemonSet',
        namespaced: true,
        verbs: ['get', 'patch'],
      },
    ],
  },
  v1: {
    groupVersion: 'v1',
    resources: [
      {
        name: 'services',
        singularName: 'service',
        kind: 'Service',
        namespaced: true,
        verbs: ['get', 'patch'],
      },
    ],
  },
};

class ApplicableObjectApi extends KubernetesObjectApi {
  constructor(...args: ConstructorParameters<typeof KubernetesObjectApi>) {
    super(...args);
    Object.assign(this.apiVersionResourceCache, RESOURCES);
  }
}

/**
 * A `KubernetesObjectApi` for one call: the kubeconfig's server, TLS and credentials, with
 * `signal` on the request (client-node takes a signal only from the request context).
 */
export function objectApiFor(
  kubeConfig: KubeConfig,
  signal: AbortSignal,
): KubernetesObjectApi {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) {
    throw new Error('The kubeconfig has no current cluster');
  }
  return new ApplicableObjectApi(
    createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: kubeConfig },
      promiseMiddleware: [
        {
          pre: async (context: RequestContext) => {
            context.setSignal(signal);
            return context;
          },
          post: async (context: ResponseContext) => context,
        },
      ],
    }),
  );
}
