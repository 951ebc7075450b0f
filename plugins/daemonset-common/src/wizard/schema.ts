import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import {
  absolutePath,
  cIdentifier,
  configKey,
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  Format,
  instrumentationRef,
  ipAddress,
  labelValue,
  networkAttachment,
  portName,
  qualifiedName,
  relativePath,
  searchDomain,
} from './formats';
import { isImageTag, parseImageReference } from './image';
import { isExtendedResource, parseQuantityString } from './quantity';

/*
 * The schema checks shapes and the rules local to one object (formats, ranges, "exactly one
 * source"). Rules that relate fields to each other live in validate.ts.
 */

function formatted(
  format: Format,
  base: z.ZodString = z.string(),
): z.ZodEffects<z.ZodString> {
  return base.superRefine((value, ctx) => {
    if (!format.test(value)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: format.message });
    }
  });
}

function exactlyOne<T extends object>(keys: ReadonlyArray<keyof T & string>) {
  return (value: T, ctx: z.RefinementCtx): void => {
    const set = keys.filter(key => value[key] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must set exactly one of ${keys.join(', ')}${
          set.length > 1 ? ` (got ${set.join(', ')})` : ''
        }`,
      });
    }
  };
}

const int = () => z.number().int();
const portNumber = () => int().min(1).max(65535);

const portReference = z.union([portNumber(), formatted(portName)], {
  errorMap: () => ({
    message: 'must be a port number (1-65535) or a named container port',
  }),
});

const protocol = z.enum(['TCP', 'UDP', 'SCTP']);

const quantityValue = z.union(
  [
    z.number().finite().nonnegative(),
    z.string().superRefine((value, ctx) => {
      if (!parseQuantityString(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            'must be a non-negative Kubernetes quantity such as 250m, 0.5, 512Mi or 1G',
        });
      }
    }),
  ],
  {
    errorMap: () => ({
      message: 'must be a number or a Kubernetes quantity string',
    }),
  },
);

const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const resourceName = z.string().superRefine((value, ctx) => {
  const ok =
    STANDARD_RESOURCES.has(value) ||
    /^hugepages-[0-9]+(Ki|Mi|Gi)$/.test(value) ||
    (isExtendedResource(value) && qualifiedName.test(value));
  if (!ok) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message:
        'must be cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource with a domain prefix such as nvidia.com/gpu',
    });
  }
});

const resourceList = z.record(resourceName, quantityValue);

const resources = z
  .object({
    requests: resourceList
      .optional()
      .describe(
        'Requested resources: cpu (cores, e.g. 0.25 or "250m"), memory (bytes or e.g. "512Mi"), extended resources (integers).',
      ),
    limits: resourceList.optional().describe('Resource limits, same units.'),
  })
  .strict();

const execAction = z.object({ command: z.array(z.string()).min(1) }).strict();

const httpHeaderName = z.string().superRefine((value, ctx) => {
  if (!/^[-A-Za-z0-9!#$%&'*+.^_`|~]+$/.test(value)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be an HTTP header name',
    });
  }
});

const httpGetAction = z
  .object({
    path: z
      .string()
      .startsWith('/', { message: "must start with '/'" })
      .optional(),
    port: portReference,
    host: z.string().min(1).optional(),
    scheme: z.enum(['HTTP', 'HTTPS']).optional(),
    httpHeaders: z
      .array(z.object({ name: httpHeaderName, value: z.string() }).strict())
      .optional(),
  })
  .strict();

const tcpSocketAction = z
  .object({ port: portReference, host: z.string().min(1).optional() })
  .strict();

const grpcAction = z
  .object({ port: portNumber(), service: z.string().optional() })
  .strict();

const lifecycleHandler = z
  .object({ exec: execAction.optional(), httpGet: httpGetAction.optional() })
  .strict()
  .superRefine(exactlyOne(['exec', 'httpGet']));

const probe = z
  .object({
    httpGet: httpGetAction.optional(),
    tcpSocket: tcpSocketAction.optional(),
    exec: execAction.optional(),
    grpc: grpcAction.optional(),
    initialDelaySeconds: int().min(0).optional(),
    periodSeconds: int().min(1).optional(),
    timeoutSeconds: int().min(1).optional(),
    successThreshold: int().min(1).optional(),
    failureThreshold: int().min(1).optional(),
  })
  .strict()
  .superRefine(exactlyOne(['httpGet', 'tcpSocket', 'exec', 'grpc']));

const keyReference = z
  .object({
    name: formatted(dns1123Subdomain),
    key: formatted(configKey),
    optional: z.boolean().optional(),
  })
  .strict();

const FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const fieldReference = z
  .object({
    fieldPath: z.string().superRefine((value, ctx) => {
      const labelOrAnnotation =
        /^metadata\.(labels|annotations)\['([^']+)'\]$/.exec(value);
      if (
        !FIELD_PATHS.includes(value) &&
        !(labelOrAnnotation && qualifiedName.test(labelOrAnnotation[2]))
      ) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be a supported pod field: ${FIELD_PATHS.join(
            ', ',
          )}, metadata.labels['<key>'] or metadata.annotations['<key>']`,
        });
      }
    }),
    apiVersion: z.literal('v1').optional(),
  })
  .strict();

const envVar = z
  .object({
    name: formatted(cIdentifier),
    value: z.string().optional(),
    secretKeyRef: keyReference.optional(),
    configMapKeyRef: keyReference.optional(),
    fieldRef: fieldReference.optional(),
  })
  .strict()
  .superRefine(
    exactlyOne(['value', 'secretKeyRef', 'configMapKeyRef', 'fieldRef']),
  );

const containerPort = z
  .object({
    name: formatted(portName).optional(),
    containerPort: portNumber(),
    protocol: protocol.optional(),
    hostPort: portNumber().optional(),
  })
  .strict();

const volumeMount = z
  .object({
    name: formatted(dns1123Label).describe('A volume declared in volumes[].'),
    mountPath: formatted(absolutePath),
    readOnly: z.boolean().optional(),
    subPath: formatted(relativePath).optional(),
  })
  .strict();

const image = z.string().superRefine((value, ctx) => {
  if (!parseImageReference(value)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message:
        'must be an image reference: [registry/]repository[:tag][@digest] with a lowercase repository',
    });
  }
});

const container = z
  .object({
    name: formatted(dns1123Label),
    image: image.describe(
      'Image reference, e.g. "ghcr.io/acme/agent"; may carry a tag or digest.',
    ),
    tag: z
      .string()
      .superRefine((value, ctx) => {
        if (!isImageTag(value)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message:
              "must be an image tag: letters, digits, '_', '.' and '-', not starting with '.' or '-', at most 128 characters",
          });
        }
      })
      .optional()
      .describe('Image version, appended to image as ":<tag>".'),
    imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
    privileged: z
      .boolean()
      .optional()
      .describe('securityContext.privileged; subject to the approval policy.'),
    runAsUser: int().min(0).optional(),
    resources: resources.optional(),
    gpu: z
      .object({
        model: formatted(labelValue, z.string().min(1))
          .optional()
          .describe(
            'GPU model, matched against the node label nvidia.com/gpu.product.',
          ),
        count: int().min(1).describe('Whole GPUs (nvidia.com/gpu limit).'),
      })
      .strict()
      .optional(),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    lifecycle: z
      .object({
        postStart: lifecycleHandler.optional(),
        preStop: lifecycleHandler.optional(),
      })
      .strict()
      .optional(),
    livenessProbe: probe.optional(),
    readinessProbe: probe.optional(),
    startupProbe: probe.optional(),
    env: z.array(envVar).optional(),
    ports: z.array(containerPort).optional(),
    volumeMounts: z.array(volumeMount).optional(),
    logPaths: z
      .array(formatted(absolutePath))
      .optional()
      .describe(
        'Directories inside the container whose files a node log agent collects.',
      ),
  })
  .strict();

const keyToPath = z
  .object({
    key: formatted(configKey),
    path: formatted(relativePath),
    mode: int().min(0).max(0o777).optional(),
  })
  .strict();

const volume = z
  .object({
    name: formatted(dns1123Label),
    hostPath: z
      .object({
        path: formatted(absolutePath),
        type: z
          .enum([
            '',
            'DirectoryOrCreate',
            'Directory',
            'FileOrCreate',
            'File',
            'Socket',
            'CharDevice',
            'BlockDevice',
          ])
          .optional(),
      })
      .strict()
      .optional(),
    emptyDir: z
      .object({
        medium: z.enum(['', 'Memory']).optional(),
        sizeLimit: quantityValue.optional(),
      })
      .strict()
      .optional(),
    configMap: z
      .object({
        name: formatted(dns1123Subdomain),
        items: z.array(keyToPath).optional(),
        defaultMode: int().min(0).max(0o777).optional(),
        optional: z.boolean().optional(),
      })
      .strict()
      .optional(),
    secret: z
      .object({
        secretName: formatted(dns1123Subdomain),
        items: z.array(keyToPath).optional(),
        defaultMode: int().min(0).max(0o777).optional(),
        optional: z.boolean().optional(),
      })
      .strict()
      .optional(),
    persistentVolumeClaim: z
      .object({
        claimName: formatted(dns1123Subdomain),
        readOnly: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine(
    exactlyOne([
      'hostPath',
      'emptyDir',
      'configMap',
      'secret',
      'persistentVolumeClaim',
    ]),
  );

const servicePort = z
  .object({
    name: formatted(dns1123Label).optional(),
    port: portNumber(),
    targetPort: portReference
      .optional()
      .describe('Container port number or name; defaults to port.'),
    protocol: protocol.optional(),
    nodePort: int()
      .min(30000)
      .max(32767)
      .optional()
      .describe('Only for NodePort and LoadBalancer services.'),
  })
  .strict();

const service = z
  .object({
    name: formatted(dns1035Label),
    type: z
      .enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'Headless'])
      .default('ClusterIP'),
    ports: z.array(servicePort).min(1),
  })
  .strict();

const intOrPercent = z.union(
  [
    int().min(0),
    z.string().superRefine((value, ctx) => {
      const match = /^(\d+)%$/.exec(value);
      if (!match || Number(match[1]) > 100) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: "must be a percentage between '0%' and '100%'",
        });
      }
    }),
  ],
  {
    errorMap: () => ({
      message: "must be a non-negative integer or a percentage such as '10%'",
    }),
  },
);

const updateStrategy = z
  .object({
    type: z.enum(['RollingUpdate', 'OnDelete']).default('RollingUpdate'),
    maxUnavailable: intOrPercent.optional(),
    maxSurge: intOrPercent.optional(),
  })
  .strict();

function operatorValues(
  value: { operator: string; values?: string[] },
  ctx: z.RefinementCtx,
): void {
  const count = value.values?.length ?? 0;
  const fail = (message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, message, path: ['values'] });
  if ((value.operator === 'In' || value.operator === 'NotIn') && count === 0) {
    fail(`must not be empty when operator is ${value.operator}`);
  } else if (
    (value.operator === 'Exists' || value.operator === 'DoesNotExist') &&
    count > 0
  ) {
    fail(`must be empty when operator is ${value.operator}`);
  } else if (value.operator === 'Gt' || value.operator === 'Lt') {
    if (count !== 1 || !/^-?\d+$/.test(value.values![0])) {
      fail(`must be exactly one integer when operator is ${value.operator}`);
    }
  }
}

const nodeSelectorRequirement = z
  .object({
    key: formatted(qualifiedName),
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
    values: z.array(z.string()).optional(),
  })
  .strict()
  .superRefine(operatorValues);

const nodeFieldRequirement = z
  .object({
    key: z.literal('metadata.name'),
    operator: z.enum(['In', 'NotIn']),
    values: z.array(formatted(dns1123Subdomain)).length(1, {
      message: 'must have exactly one node name',
    }),
  })
  .strict();

const nodeSelectorTerm = z
  .object({
    matchExpressions: z.array(nodeSelectorRequirement).optional(),
    matchFields: z.array(nodeFieldRequirement).optional(),
  })
  .strict();

const weight = () => int().min(1).max(100);

const nodeAffinity = z
  .object({
    requiredDuringSchedulingIgnoredDuringExecution: z
      .object({ nodeSelectorTerms: z.array(nodeSelectorTerm).min(1) })
      .strict()
      .optional(),
    preferredDuringSchedulingIgnoredDuringExecution: z
      .array(
        z.object({ weight: weight(), preference: nodeSelectorTerm }).strict(),
      )
      .optional(),
  })
  .strict();

const labelMap = z.record(formatted(qualifiedName), formatted(labelValue));

const labelSelector = z
  .object({
    matchLabels: labelMap.optional(),
    matchExpressions: z
      .array(
        z
          .object({
            key: formatted(qualifiedName),
            operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
            values: z.array(formatted(labelValue)).optional(),
          })
          .strict()
          .superRefine(operatorValues),
      )
      .optional(),
  })
  .strict();

const podAffinityTerm = z
  .object({
    labelSelector: labelSelector.optional(),
    namespaces: z.array(formatted(dns1123Label)).optional(),
    namespaceSelector: labelSelector.optional(),
    topologyKey: formatted(qualifiedName),
  })
  .strict();

const podAffinity = z
  .object({
    requiredDuringSchedulingIgnoredDuringExecution: z
      .array(podAffinityTerm)
      .optional(),
    preferredDuringSchedulingIgnoredDuringExecution: z
      .array(z.object({ weight: weight(), podAffinityTerm }).strict())
      .optional(),
  })
  .strict();

const toleration = z
  .object({
    key: formatted(qualifiedName).optional(),
    operator: z.enum(['Equal', 'Exists']).optional(),
    value: formatted(labelValue).optional(),
    effect: z
      .enum(['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'])
      .optional(),
    tolerationSeconds: int().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const operator = value.operator ?? 'Equal';
    if (operator === 'Exists' && value.value) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['value'],
        message: 'must be empty when operator is Exists',
      });
    }
    if (!value.key && operator !== 'Exists') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['operator'],
        message: 'must be Exists when key is empty (to tolerate every taint)',
      });
    }
    if (value.tolerationSeconds !== undefined && value.effect !== 'NoExecute') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['tolerationSeconds'],
        message: 'may only be set when effect is NoExecute',
      });
    }
  });

const scheduling = z
  .object({
    nodeSelector: labelMap.optional(),
    nodeAffinity: nodeAffinity.optional(),
    podAffinity: podAffinity.optional(),
    podAntiAffinity: podAffinity.optional(),
    tolerations: z.array(toleration).optional(),
    priorityClassName: formatted(dns1123Subdomain).optional(),
  })
  .strict();

const dns = z
  .object({
    policy: z
      .enum(['append', 'replace', 'inherit'])
      .default('append')
      .describe(
        'append: cluster DNS plus dnsConfig; replace: only dnsConfig; inherit: the node resolver.',
      ),
    nameservers: z.array(formatted(ipAddress)).max(3).optional(),
    searches: z.array(formatted(searchDomain)).max(32).optional(),
    timeout: int().min(1).max(30).optional().describe('Seconds.'),
    ndots: int().min(0).max(15).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.policy === 'replace' && !value.nameservers?.length) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['nameservers'],
        message: 'must list at least one nameserver when policy is replace',
      });
    }
    const searchChars = (value.searches ?? []).join(' ').length;
    if (searchChars > 2048) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['searches'],
        message: `must total at most 2048 characters (got ${searchChars})`,
      });
    }
  });

const metrics = z
  .object({
    port: portNumber(),
    path: z
      .string()
      .startsWith('/', { message: "must start with '/'" })
      .default('/metrics'),
    scheme: z.enum(['http', 'https']).default('http'),
  })
  .strict();

const instrumentation = z
  .object({
    language: z.enum(['java', 'nodejs', 'python', 'dotnet', 'go']),
    instrumentation: formatted(instrumentationRef)
      .optional()
      .describe(
        'The Instrumentation resource ("name" or "namespace/name"); the namespace default when absent.',
      ),
    containerNames: z
      .array(formatted(dns1123Label))
      .optional()
      .describe('Containers to instrument; all when absent.'),
    goTargetExecutable: formatted(absolutePath)
      .optional()
      .describe('Required for go: the path of the executable to instrument.'),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.language === 'go' && !value.goTargetExecutable) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['goTargetExecutable'],
        message: 'is required when language is go',
      });
    }
    if (value.language !== 'go' && value.goTargetExecutable) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['goTargetExecutable'],
        message: 'may only be set when language is go',
      });
    }
  });

/**
 * The zod schema of the DaemonSet wizard's input.
 *
 * @remarks
 * It checks shapes and the rules local to one object; {@link validateDaemonSetInput} adds the
 * rules that relate fields to each other and the approval policy.
 *
 * @public
 */
export const daemonSetInputSchema = z
  .object({
    name: formatted(dns1123Label).describe(
      'Workload name: metadata.name and the app label.',
    ),
    namespace: formatted(dns1123Label).default('default'),
    cluster: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Target cluster, recorded as annotation daemonsets.dev/cluster.',
      ),
    description: z.string().optional(),
    timezoneSync: z
      .boolean()
      .default(false)
      .describe(
        'Mount the node /etc/localtime read-only into every container.',
      ),
    serverlessBursting: z
      .boolean()
      .default(false)
      .describe(
        'Tolerate virtual-kubelet nodes (virtual-kubelet.io/provider).',
      ),
    labels: labelMap
      .optional()
      .describe(
        'Extra labels for the DaemonSet, its pods and Services; "app" and "backstage.io/kubernetes-id" are built in and cannot be set.',
      ),
    annotations: z
      .record(formatted(qualifiedName), z.string())
      .optional()
      .describe('Extra annotations for the DaemonSet and its pods.'),
    containers: z.array(container).min(1),
    volumes: z.array(volume).optional(),
    imagePullSecrets: z
      .array(formatted(dns1123Subdomain))
      .optional()
      .describe('Names of docker-registry Secrets in the namespace.'),
    services: z.array(service).optional(),
    updateStrategy: updateStrategy.optional(),
    minReadySeconds: int().min(0).optional(),
    terminationGracePeriodSeconds: int().min(0).optional(),
    hostNetwork: z
      .boolean()
      .default(false)
      .describe(
        "Use the node's network namespace; subject to the approval policy.",
      ),
    scheduling: scheduling.optional(),
    dns: dns.optional(),
    networkAttachments: z
      .array(formatted(networkAttachment))
      .optional()
      .describe('Multus network attachments: [namespace/]name[@interface].'),
    metrics: metrics.optional(),
    instrumentation: instrumentation.optional(),
  })
  .strict();

/**
 * What the DaemonSet wizard gathers: the input of {@link buildDaemonSetManifests}.
 *
 * @public
 */
export type DaemonSetInput = z.input<typeof daemonSetInputSchema>;

/**
 * A {@link DaemonSetInput} after parsing: defaults filled in.
 *
 * @public
 */
export type ParsedDaemonSetInput = z.output<typeof daemonSetInputSchema>;

/** One container of a {@link ParsedDaemonSetInput}. @public */
export type ParsedContainerInput = ParsedDaemonSetInput['containers'][number];

/**
 * {@link daemonSetInputSchema} as a JSON Schema (draft 7, references inlined), for the
 * scaffolder template and action.
 *
 * @remarks
 * Cross-field rules are not expressible here; the action still calls
 * {@link validateDaemonSetInput}.
 *
 * @public
 */
export const daemonSetInputJsonSchema: Record<string, unknown> =
  zodToJsonSchema(daemonSetInputSchema, {
    $refStrategy: 'none',
    target: 'jsonSchema7',
  }) as Record<string, unknown>;
