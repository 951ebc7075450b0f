import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import {
  dns1123Label,
  dns1123Subdomain,
  networkAttachment,
  qualifiedName,
  entityRef,
  systemRef,
} from '../formats';
import { formatted, int } from './primitives';
import { container } from './container';
import { scheduling, labelMap } from './scheduling';
import { volume } from './volume';
import {
  dns,
  instrumentation,
  metrics,
  service,
  updateStrategy,
} from './workload';
import type { DaemonSetInput, ParsedDaemonSetInput } from '../input';

export type {
  DaemonSetInput,
  ParsedDaemonSetInput,
  ParsedContainerInput,
} from '../input';

/*
 * The schema checks shapes and the rules local to one object (formats, ranges, "exactly one
 * source"). Rules that relate fields to each other live in validate.ts.
 */

/**
 * The schema with its full inferred type, for this package's own use: the public
 * {@link daemonSetInputSchema} declares a small type instead, so the API stays readable.
 */
export const daemonSetInputObject = z
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
    owner: formatted(entityRef)
      .optional()
      .describe(
        'Owner in the catalog (a group or user entity reference such as group:default/platform-team, or a bare group name), recorded as annotation daemonsets.dev/owner; the catalog provider ingests DaemonSets that carry it.',
      ),
    system: formatted(systemRef)
      .optional()
      .describe(
        'The System the catalog Component belongs to, recorded as annotation daemonsets.dev/system.',
      ),
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
 * The declared type of {@link daemonSetInputSchema}: a strict zod object whose output is a
 * {@link ParsedDaemonSetInput} and whose input is a {@link DaemonSetInput}.
 *
 * @public
 */
export type DaemonSetInputSchema = z.ZodObject<
  { [K in keyof DaemonSetInput]-?: z.ZodTypeAny },
  'strict',
  z.ZodTypeAny,
  ParsedDaemonSetInput,
  DaemonSetInput
>;

/**
 * The zod schema of the DaemonSet wizard's input.
 *
 * @remarks
 * It checks shapes and the rules local to one object; {@link validateDaemonSetInput} adds the
 * rules that relate fields to each other and the approval policy.
 *
 * @public
 */
export const daemonSetInputSchema: DaemonSetInputSchema = daemonSetInputObject;

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
  zodToJsonSchema(daemonSetInputObject, {
    $refStrategy: 'none',
    target: 'jsonSchema7',
  }) as Record<string, unknown>;
