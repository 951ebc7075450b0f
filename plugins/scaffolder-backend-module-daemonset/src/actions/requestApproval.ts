import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  ApprovalPolicy,
  ApprovalRequest,
} from '@daemonsets/plugin-daemonset-common';
import {
  dns1123LabelPattern,
  evaluateManifestPolicy,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  ClusterDefinition,
  createKubeRequester,
  KubeRequester,
  parseBaseRevision,
} from '@daemonsets/plugin-daemonset-node';
import { fileApprovalRequest } from './approvalsClient';
import { assertBaseRevisionOf } from './baseRevision';
import { requestApprovalExamples } from './examples';
import { describeProblems } from './generate';
import { parseManifest } from './manifest';

/** Where the app shows approval requests (the frontend plugin's Approvals page). */
const APPROVALS_PATH = '/daemonset-approvals';

const inputSchema = z
  .object({
    cluster: z
      .string()
      .min(1)
      .refine(value => !value.includes('/') && !value.includes(':'), {
        message: 'must be the name of a cluster configured in the backend',
      })
      .describe(
        'Name of a cluster configured in the backend (kubernetes.clusterLocatorMethods); never a URL.',
      ),
    namespace: z
      .string()
      .max(63)
      .regex(dns1123LabelPattern, 'must be a namespace name (RFC 1123 label)')
      .describe('Namespace of the DaemonSet.'),
    name: z
      .string()
      .max(63)
      .regex(dns1123LabelPattern, 'must be a DaemonSet name (RFC 1123 label)')
      .describe('Name of the DaemonSet.'),
    entityRef: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The catalog entity the DaemonSet belongs to, e.g. component:default/log-agent.',
      ),
    manifest: z
      .string()
      .min(1)
      .describe(
        'The exact manifests to apply on approval, e.g. the manifest output of daemonset:generate.',
      ),
    baseRevision: z
      .union([z.number(), z.string()])
      .optional()
      .describe(
        "For an edit: the DaemonSet's metadata.generation when the edit was opened. No request is filed when the DaemonSet has changed since.",
      ),
  })
  .strict();

type RequestApprovalInput = z.output<typeof inputSchema>;

/** Input of the `daemonset:request-approval` action. @public */
export type DaemonSetRequestApprovalActionInput = {
  /** Name of a cluster configured in the backend. */
  cluster: string;
  /** Namespace of the DaemonSet. */
  namespace: string;
  /** Name of the DaemonSet. */
  name: string;
  /** The catalog entity the DaemonSet belongs to. */
  entityRef?: string;
  /** The exact manifests to apply on approval. */
  manifest: string;
  /** For an edit: the DaemonSet's `metadata.generation` when the edit was opened. */
  baseRevision?: number | string;
};

/** Output of the `daemonset:request-approval` action. @public */
export type DaemonSetRequestApprovalActionOutput = {
  /** Id of the approval request; absent in a dry run. */
  requestId?: string;
  /** Path of the request page in the app. */
  url: string;
  /** State of the request after filing. */
  state?: string;
  /** The policy findings that make approval necessary. */
  reasons: string[];
  /** Distinct approvers needed. */
  requiredApprovals?: number;
};

function parseInput(raw: unknown): RequestApprovalInput {
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `Invalid daemonset:request-approval input: ${describeProblems(
        parsed.error.issues.map(issue => ({
          path: issue.path.join('.'),
          message:
            issue.code === 'unrecognized_keys'
              ? `unknown input(s) ${issue.keys.join(
                  ', ',
                )}; the requester comes from the task's credentials`
              : issue.message,
        })),
      )}`,
    );
  }
  return parsed.data;
}

interface ObjectLike {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

/**
 * Checks that the manifest holds the DaemonSet the request names, so that a template cannot
 * file manifests for one DaemonSet under another's name.
 */
function assertNamesTheDaemonSet(
  objects: ReadonlyArray<unknown>,
  input: RequestApprovalInput,
): void {
  const daemonSets = (objects as ObjectLike[]).filter(
    object => object?.kind === 'DaemonSet',
  );
  if (daemonSets.length !== 1) {
    throw new InputError(
      `manifest must hold exactly one DaemonSet, found ${daemonSets.length}`,
    );
  }
  const { name, namespace } = daemonSets[0].metadata ?? {};
  if (name !== input.name || namespace !== input.namespace) {
    throw new InputError(
      `manifest holds DaemonSet ${namespace}/${name}, but namespace and name say ${input.namespace}/${input.name}`,
    );
  }
}

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/** The page of one request in the app. */
const approvalRequestPath = (id: string) =>
  `${APPROVALS_PATH}/${encodeURIComponent(id)}`;

/** Options of {@link createDaemonSetRequestApprovalAction}. @public */
export interface DaemonSetRequestApprovalActionOptions {
  /** Finds the DaemonSet backend plugin (`daemonset`) that stores the requests. */
  discovery: DiscoveryService;
  /** Issues the on-behalf-of token of the user who runs the template. */
  auth: AuthService;
  /** The approval policy, used in a dry run to say what the backend would answer. */
  policy: ApprovalPolicy;
  /** The clusters, to check an edit's `baseRevision`; from `kubernetes.clusterLocatorMethods`. */
  clusters?: ReadonlyArray<ClusterDefinition>;
  /** Replaces the HTTPS client, for tests. */
  requesterFor?: (cluster: ClusterDefinition) => KubeRequester;
}

/**
 * Creates the `daemonset:request-approval` action: files the manifests as an approval request
 * with the DaemonSet backend plugin, on behalf of the user who runs the template, and ends the
 * step successfully while the request waits for the platform team.
 *
 * @public
 */
export function createDaemonSetRequestApprovalAction(
  options: DaemonSetRequestApprovalActionOptions,
): TemplateAction<
  DaemonSetRequestApprovalActionInput,
  DaemonSetRequestApprovalActionOutput,
  'v2'
> {
  const { discovery, auth, policy } = options;
  const requesterFor = options.requesterFor ?? createKubeRequester;
  const action = createTemplateAction({
    id: 'daemonset:request-approval',
    description:
      'Files DaemonSet manifests that the platform policy holds for approval as an approval request in the portal, on behalf of the user who runs the template. The step succeeds while the request waits; the backend applies exactly these manifests once enough approvers agree.',
    supportsDryRun: true,
    examples: requestApprovalExamples,
    schema: {
      input: () => inputSchema as any,
      // A function, like `input`: the scaffolder only publishes the output schema when both
      // are given in the same form.
      output: () =>
        z.object({
          requestId: z
            .string()
            .optional()
            .describe('Id of the approval request; absent in a dry run.'),
          url: z
            .string()
            .describe(
              'Path of the request page in the app (/daemonset-approvals/<id>); the list page in a dry run.',
            ),
          state: z
            .string()
            .optional()
            .describe(
              'State of the request after filing, normally pending; absent in a dry run.',
            ),
          reasons: z
            .array(z.string())
            .describe('The policy findings that make approval necessary.'),
          requiredApprovals: z
            .number()
            .optional()
            .describe('Distinct approvers needed.'),
        }) as any,
    },
    async handler(ctx) {
      const input = parseInput(ctx.input);
      const objects = parseManifest(input.manifest, 'manifest');
      assertNamesTheDaemonSet(objects, input);
      const target = `DaemonSet ${input.namespace}/${input.name} on cluster ${input.cluster}`;
      const hash = sha256(input.manifest);
      // A template renders an absent parameter as ''; only an edit sets it.
      const baseRevision =
        input.baseRevision !== undefined && input.baseRevision !== ''
          ? parseBaseRevision(input.baseRevision)
          : undefined;
      if (baseRevision !== undefined) {
        const cluster = options.clusters?.find(c => c.name === input.cluster);
        if (!cluster) {
          throw new InputError(
            `cluster: '${input.cluster}' is not a cluster configured in the backend, so baseRevision cannot be checked`,
          );
        }
        await assertBaseRevisionOf(objects, {
          request: requesterFor(cluster),
          cluster: cluster.name,
          baseRevision,
          signal: ctx.signal,
        });
      }

      if (ctx.isDryRun) {
        // The backend is not asked in a dry run, so the same policy, read from the same
        // configuration, says what it would answer.
        const outcome = evaluateManifestPolicy(objects, policy);
        if (outcome.denied.length > 0) {
          throw new InputError(
            `manifest is denied by the platform policy: ${outcome.denied
              .map(f => f.message)
              .join('; ')}`,
          );
        }
        const reasons = outcome.approvalReasons.map(f => f.message);
        if (reasons.length === 0) {
          throw new InputError(
            'manifest needs no approval under daemonset.policy; apply it with daemonset:apply',
          );
        }
        ctx.logger.info(
          `Dry run: would file an approval request for ${target} (manifest sha256 ${hash}, ${
            outcome.requiredApprovals
          } approval(s) needed) because: ${reasons.join(
            '; ',
          )}. Nothing was stored.`,
        );
        ctx.output('url', APPROVALS_PATH);
        ctx.output('reasons', reasons);
        ctx.output('requiredApprovals', outcome.requiredApprovals);
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      // A retried or recovered task finds the request it filed instead of superseding it.
      const request = (await ctx.checkpoint({
        key: `daemonset-request-approval-${sha256(
          `${input.cluster}\n${input.namespace}\n${input.name}\n${hash}`,
        ).slice(0, 16)}`,
        fn: async () =>
          (await fileApprovalRequest({
            discovery,
            auth,
            onBehalfOf: credentials,
            body: {
              cluster: input.cluster,
              namespace: input.namespace,
              name: input.name,
              ...(input.entityRef ? { entityRef: input.entityRef } : {}),
              // The backend checks it again when the approved edit is applied.
              ...(baseRevision !== undefined ? { baseRevision } : {}),
              manifest: input.manifest,
            },
            signal: ctx.signal,
          })) as any,
      })) as ApprovalRequest;

      const url = approvalRequestPath(request.id);
      ctx.logger.info(
        `Filed approval request ${
          request.id
        } for ${target} because: ${request.reasons.join('; ')}`,
      );
      ctx.logger.info(
        `Waiting for approval: ${request.requiredApprovals} approval(s) from the platform team needed; the request is at ${url}`,
      );
      ctx.output('requestId', request.id);
      ctx.output('url', url);
      ctx.output('state', request.state);
      ctx.output('reasons', request.reasons);
      ctx.output('requiredApprovals', request.requiredApprovals);
    },
  });
  // The schemas are this module's zod objects (zod 3), which the scaffolder's zod types do not
  // accept, so the action's typed input and output are declared here instead of inferred.
  return action as unknown as TemplateAction<
    DaemonSetRequestApprovalActionInput,
    DaemonSetRequestApprovalActionOutput,
    'v2'
  >;
}
