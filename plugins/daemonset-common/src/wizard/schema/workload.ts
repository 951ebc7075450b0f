import { z } from 'zod';
import {
  absolutePath,
  dns1035Label,
  dns1123Label,
  instrumentationRef,
  ipAddress,
  searchDomain,
} from '../formats';
import {
  formatted,
  int,
  portNumber,
  portReference,
  protocol,
} from './primitives';

/* Services, update strategy, DNS, metrics and instrumentation. */

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

export const service = z
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

export const updateStrategy = z
  .object({
    type: z.enum(['RollingUpdate', 'OnDelete']).default('RollingUpdate'),
    maxUnavailable: intOrPercent.optional(),
    maxSurge: intOrPercent.optional(),
  })
  .strict();

export const dns = z
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

export const metrics = z
  .object({
    port: portNumber(),
    path: z
      .string()
      .startsWith('/', { message: "must start with '/'" })
      .default('/metrics'),
    scheme: z.enum(['http', 'https']).default('http'),
  })
  .strict();

export const instrumentation = z
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
