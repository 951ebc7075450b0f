import { z } from 'zod';
import {
  dns1123Label,
  dns1123Subdomain,
  labelValue,
  qualifiedName,
} from '../formats';
import { formatted, int, operatorValues, weight } from './primitives';

/* Node selection, affinity and tolerations. */

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

export const labelMap = z.record(
  formatted(qualifiedName),
  formatted(labelValue),
);

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

export const scheduling = z
  .object({
    nodeSelector: labelMap.optional(),
    nodeAffinity: nodeAffinity.optional(),
    podAffinity: podAffinity.optional(),
    podAntiAffinity: podAffinity.optional(),
    tolerations: z.array(toleration).optional(),
    priorityClassName: formatted(dns1123Subdomain).optional(),
  })
  .strict();
