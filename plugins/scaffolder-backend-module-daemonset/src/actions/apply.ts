import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { ApprovalPolicy } from '@daemonsets/plugin-daemonset-common';
import { manifestPolicyFindings } from '@daemonsets/plugin-daemonset-common/kubernetes';
import {
  AppliedObject,
  applyObjects,
  assertApplicableObjects,
  ClusterDefinition,
  createKubeRequester,
  DaemonSetRollout,
  KubeRequester,
  parseBaseRevision,
  readClusterDefinitions,
  waitForDaemonSetRollout,
} from '@daemonsets/plugin-daemonset-node';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { applyExamples } from './examples';
import { assertObjectNames, parseManifest } from './manifest';
import { readApprovalPolicy } from '@daemonsets/plugin-daemonset-node';
import { readWorkspaceFile } from './workspaceFile';
import { assertBaseRevisionOf } from './baseRevision';
import { describeProblems } from './generate';

const inputSchema = z
  .object({
    cluster: z
      .string()
      .min(1)
      .describe(
        'Name of a cluster configured in the backend (kubernetes.clusterLocatorMethods); never a URL.',
      ),
    manifest: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The manifests as YAML text, e.g. the manifest output of daemonset:generate.',
      ),
    filePath: z
      .string()
      .min(1)
      .optional()
      .describe('Or: a YAML file in the workspace, relative to it.'),
    dryRun: z
      .boolean()
      .default(false)
      .describe(
        'Server-side dry run: the cluster validates and runs admission, nothing is stored.',
      ),
    waitForRollout: z
      .boolean()
      .default(false)
      .describe(
        'Wait until every eligible node runs an updated, available pod.',
      ),
    timeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(300)
      .describe('How long to wait for the rollout.'),
    baseRevision: z
      .union([z.number(), z.string()])
      .optional()
      .describe(
        "For an edit: the DaemonSet's metadata.generation when the edit was opened. The apply is refused, changing nothing, when the DaemonSet has changed since.",
      ),
  })
  .strict();

type ApplyInput = z.output<typeof inputSchema>;

/** Input of the `daemonset:apply` action. @public */
export type DaemonSetApplyActionInput = {
  /** Name of a cluster configured in the backend. */
  cluster: string;
  /** The manifests as YAML text. */
  manifest?: string;
  /** Or: a YAML file in the workspace. */
  filePath?: string;
  /** Server-side dry run. */
  dryRun?: boolean;
  /** Wait until the rollout completes. */
  waitForRollout?: boolean;
  /** How long to wait for the rollout, in seconds. */
  timeoutSeconds?: number;
  /** For an edit: the DaemonSet's `metadata.generation` when the edit was opened. */
  baseRevision?: number | string;
};

/** Output of the `daemonset:apply` action. @public */
export type DaemonSetApplyActionOutput = {
  /** Each object applied. */
  applied: Array<{
    kind: string;
    namespace: string;
    name: string;
    created: boolean;
    changed: boolean;
    generation?: number;
  }>;
  /** The rollout, when `waitForRollout` is set. */
  rollout?: {
    desired: number;
    updated: number;
    ready: number;
    available: number;
    unavailable: number;
    complete: boolean;
  };
};

const appliedSchema = z.object({
  kind: z.string().describe('DaemonSet or Service.'),
  namespace: z.string(),
  name: z.string(),
  created: z.boolean().describe('The object did not exist before.'),
  changed: z
    .boolean()
    .describe(
      'resourceVersion changed (spec or metadata in a dry run); false when re-applying the same manifest.',
    ),
  generation: z
    .number()
    .optional()
    .describe('metadata.generation after the apply.'),
});

const rolloutSchema = z.object({
  desired: z.number().describe('Nodes that should run a pod.'),
  updated: z.number().describe('Nodes running a pod of the current revision.'),
  ready: z.number(),
  available: z.number(),
  unavailable: z.number(),
  complete: z
    .boolean()
    .describe(
      'observedGeneration >= generation and every desired node runs an updated, available pod.',
    ),
});

/** Options of {@link createDaemonSetApplyAction}. @public */
export interface DaemonSetApplyActionOptions {
  /** The backend configuration: clusters (`kubernetes.clusterLocatorMethods`) and policy. */
  config: Config;
  /** The module's logger. */
  logger: LoggerService;
  /** The approval policy; read from `daemonset.policy` when absent. */
  policy?: ApprovalPolicy;
  /** Replaces the HTTPS client, for tests. */
  requesterFor?: (cluster: ClusterDefinition) => KubeRequester;
}

function parseInput(raw: unknown): ApplyInput {
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `Invalid daemonset:apply input: ${describeProblems(
        parsed.error.issues.map(issue => ({
          path: issue.path.join('.'),
          message:
            issue.code === 'unrecognized_keys'
              ? `unknown input(s) ${issue.keys.join(
                  ', ',
                )}; cluster credentials come from the backend configuration`
              : issue.message,
        })),
      )}`,
    );
  }
  const input = parsed.data;
  if (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(input.cluster) ||
    input.cluster.includes('/')
  ) {
    throw new InputError(
      `cluster must be the name of a cluster configured in the backend, not a URL: '${input.cluster}'`,
    );
  }
  if ((input.manifest === undefined) === (input.filePath === undefined)) {
    throw new InputError('Set exactly one of manifest or filePath');
  }
  return input;
}

function findCluster(
  clusters: ReadonlyArray<ClusterDefinition>,
  name: string,
): ClusterDefinition {
  const cluster = clusters.find(c => c.name === name);
  if (!cluster) {
    throw new InputError(
      `Unknown cluster '${name}'; configured clusters: ${
        clusters.map(c => c.name).join(', ') ||
        'none (configure kubernetes.clusterLocatorMethods)'
      }`,
    );
  }
  return cluster;
}

function describeApplied(applied: AppliedObject, dryRun: boolean): string {
  let verb = 'unchanged';
  if (applied.created) {
    verb = 'created';
  } else if (applied.changed) {
    verb = 'configured';
  }
  return `${applied.kind} ${applied.namespace}/${applied.name} ${verb}${
    dryRun ? ' (server dry run)' : ''
  }`;
}

/**
 * Creates the `daemonset:apply` action: server-side applies a DaemonSet manifest (and its
 * Services) to a configured cluster and optionally waits for the rollout.
 *
 * @public
 */
export function createDaemonSetApplyAction(
  options: DaemonSetApplyActionOptions,
): TemplateAction<DaemonSetApplyActionInput, DaemonSetApplyActionOutput, 'v2'> {
  const clusters = readClusterDefinitions(options.config);
  const policy = options.policy ?? readApprovalPolicy(options.config);
  const requesterFor = options.requesterFor ?? createKubeRequester;

  const action = createTemplateAction({
    id: 'daemonset:apply',
    description:
      'Server-side applies DaemonSet and Service manifests to a cluster configured in the backend, optionally waiting for the rollout to finish.',
    supportsDryRun: true,
    examples: applyExamples,
    schema: {
      input: () => inputSchema as any,
      // A function, like `input`: the scaffolder only publishes the output schema when both
      // are given in the same form.
      output: () =>
        z.object({
          applied: z
            .array(appliedSchema)
            .describe(
              'Each object applied, and whether it was created or changed.',
            ),
          rollout: rolloutSchema
            .optional()
            .describe('The DaemonSet rollout when waitForRollout is set.'),
        }) as any,
    },
    async handler(ctx) {
      const input = parseInput(ctx.input);
      const cluster = findCluster(clusters, input.cluster);
      const text =
        input.manifest ??
        (await readWorkspaceFile(ctx.workspacePath, input.filePath!));
      const objects = parseManifest(
        text,
        input.manifest ? 'manifest' : 'filePath',
      );
      assertApplicableObjects(objects);
      assertObjectNames(objects, input.manifest ? 'manifest' : 'filePath');
      const findings = manifestPolicyFindings(objects, policy);
      if (findings.length > 0) {
        throw new InputError(
          `The manifest needs an approval the apply action cannot give; open a pull request for the platform team instead: ${findings.join(
            '; ',
          )}`,
        );
      }

      const dryRun = input.dryRun || ctx.isDryRun === true;
      const request = requesterFor(cluster);
      const baseRevision =
        // A template renders an absent parameter as ''; only an edit sets it.
        input.baseRevision === undefined || input.baseRevision === ''
          ? undefined
          : parseBaseRevision(input.baseRevision);
      const apply = async () => {
        if (baseRevision !== undefined) {
          await assertBaseRevisionOf(objects, {
            request,
            cluster: cluster.name,
            baseRevision,
            signal: ctx.signal,
          });
        }
        return applyObjects({ request, objects, dryRun, signal: ctx.signal });
      };
      const applied: AppliedObject[] = dryRun
        ? await apply()
        : ((await ctx.checkpoint({
            key: `daemonset-apply-${createHash('sha256')
              .update(`${cluster.name}\n${text}`)
              .digest('hex')
              .slice(0, 16)}`,
            fn: async () => (await apply()) as any,
          })) as AppliedObject[]);
      for (const item of applied) {
        ctx.logger.info(describeApplied(item, dryRun));
      }
      ctx.output('applied', applied as any);

      if (!input.waitForRollout) {
        return;
      }
      if (dryRun) {
        ctx.logger.info(
          'Not waiting for the rollout: nothing was stored in a dry run',
        );
        return;
      }
      const daemonSet = applied.find(item => item.kind === 'DaemonSet');
      if (!daemonSet) {
        ctx.logger.info(
          'Not waiting for a rollout: the manifest holds no DaemonSet',
        );
        return;
      }
      const rollout: DaemonSetRollout = await waitForDaemonSetRollout({
        request,
        namespace: daemonSet.namespace,
        name: daemonSet.name,
        timeoutSeconds: input.timeoutSeconds,
        signal: ctx.signal,
        onProgress: line =>
          ctx.logger.info(
            `DaemonSet ${daemonSet.namespace}/${daemonSet.name}: ${line}`,
          ),
      });
      ctx.output('rollout', rollout as any);
    },
  });
  // The schemas are this module's zod objects (zod 3), which the scaffolder's zod types do not
  // accept, so the action's typed input and output are declared here instead of inferred.
  return action as unknown as TemplateAction<
    DaemonSetApplyActionInput,
    DaemonSetApplyActionOutput,
    'v2'
  >;
}
