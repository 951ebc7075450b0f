import { z } from 'zod';
import {
  absolutePath,
  cIdentifier,
  configKey,
  dns1123Label,
  dns1123Subdomain,
  labelValue,
  portName,
  qualifiedName,
  relativePath,
} from '../formats';
import { isImageTag, parseImageReference } from '../image';
import { isExtendedResource } from '../quantity';
import {
  exactlyOne,
  formatted,
  int,
  portNumber,
  portReference,
  protocol,
  quantityValue,
} from './primitives';

/* The schema of one container: image, resources, probes, environment, ports and mounts. */

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

export const container = z
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
