import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import {
  allowEmptyOptionalSections,
  ApprovalPolicy,
  DaemonSetInput,
  DaemonSetInputError,
  daemonSetEntityRef,
  daemonSetInputJsonSchema,
  Problem,
  formatFieldPath,
  pruneEmptySections,
} from '@daemonsets/plugin-daemonset-common';
import {
  buildDaemonSetManifests,
  KubernetesObject,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { dirname, relative } from 'node:path';
import { generateExamples } from './examples';
import {
  ClusterDefinition,
  createKubeRequester,
  KubeRequester,
  ManifestObject,
  parseBaseRevision,
  readApprovalConfig,
  readApprovalPolicy,
  readClusterDefinitions,
} from '@daemonsets/plugin-daemonset-node';
import { stringify } from 'yaml';
import { withLiveKeptFields } from './liveKeptFields';
import { resolveWorkspaceFile, safeSegment } from './workspaceFile';

/** Longest problem text and most problems in one error message: inputs may be huge. */
const MAX_PROBLEM_CHARS = 300;
const MAX_PROBLEMS = 20;

/** Formats problems as one error message, each with its field path (bounded in size). */
export function describeProblems(problems: ReadonlyArray<Problem>): string {
  const shown = problems.slice(0, MAX_PROBLEMS).map(p => {
    const text = p.path ? `${p.path}: ${p.message}` : p.message;
    return text.length > MAX_PROBLEM_CHARS
      ? `${text.slice(0, MAX_PROBLEM_CHARS)}… (${text.length} characters)`
      : text;
  });
  if (problems.length > MAX_PROBLEMS) {
    shown.push(`and ${problems.length - MAX_PROBLEMS} more problem(s)`);
  }
  return shown.join('; ');
}

/** The manifests as the builder writes them: a `---` document per object. */
function toYamlDocuments(objects: ReadonlyArray<unknown>): string {
  return objects
    .map(
      object =>
        `---\n${stringify(object, {
          aliasDuplicateObjects: false,
          lineWidth: 0,
        })}`,
    )
    .join('');
}

const FILE_PATH_DESCRIPTION =
  'Where to write the manifests, relative to the workspace. Default manifests/<cluster>/<namespace>/<name>.yaml.';

/**
 * The input of `daemonset:generate`: a wizard input and where to write its manifests.
 *
 * @public
 */
export type DaemonSetGenerateActionInput = DaemonSetInput & {
  /** Where to write the manifests, relative to the workspace. */
  filePath?: string;
  /**
   * Set by an edit: the DaemonSet's `metadata.generation` when the edit was opened. The live
   * fields the wizard cannot express are then written into the manifests.
   */
  baseRevision?: number | string;
};

/**
 * The output of `daemonset:generate`.
 *
 * @public
 */
export type DaemonSetGenerateActionOutput = {
  /** The manifests as a multi-document YAML stream. */
  manifest: string;
  /** The manifests as objects: the DaemonSet, then its Services. */
  objects: Array<{ [key: string]: JsonValue }>;
  /** Where the manifests were written, relative to the workspace. */
  filePath: string;
  /** Whether the platform policy holds this input for approval. */
  approvalRequired: boolean;
  /** Why approval is required, each naming the field and the policy key. */
  approvalReasons: string[];
  /** The catalog Component the DaemonSet becomes; absent without an owner or a cluster. */
  entityRef?: string;
  /** How approval is asked for (`daemonset.approval.mode`). */
  approvalMode: 'portal' | 'pull-request';
};

/**
 * The JSON Schema the scaffolder checks the input against before the action runs: the input
 * schema, except that an untouched optional section (the empty objects and arrays a form sends)
 * passes, since the action treats it as absent.
 */
const scaffolderInputJsonSchema = allowEmptyOptionalSections({
  ...daemonSetInputJsonSchema,
  properties: {
    ...(daemonSetInputJsonSchema.properties as object),
    filePath: {
      type: 'string',
      minLength: 1,
      description: FILE_PATH_DESCRIPTION,
    },
    baseRevision: {
      type: ['integer', 'string'],
      description:
        "Set by an edit: the DaemonSet's metadata.generation when the edit was opened. The live fields the wizard cannot express are kept in the manifests; a DaemonSet changed since is refused.",
    },
  },
});

/**
 * Creates the `daemonset:generate` action: validates the wizard input against the schema and
 * the approval policy (`daemonset.policy`), writes the manifests to the workspace, and outputs
 * them with how approval is asked for (`daemonset.approval.mode`), so the template picks its
 * step.
 *
 * @public
 */
export function createDaemonSetGenerateAction(options: {
  config: Config;
  policy?: ApprovalPolicy;
  /** Replaces the HTTPS client (an edit reads what runs), for tests. */
  requesterFor?: (cluster: ClusterDefinition) => KubeRequester;
}): TemplateAction<
  DaemonSetGenerateActionInput,
  DaemonSetGenerateActionOutput,
  'v2'
> {
  const policy = options.policy ?? readApprovalPolicy(options.config);
  const approvalMode = readApprovalConfig(options.config).mode;
  const clusters = readClusterDefinitions(options.config);
  const requesterFor = options.requesterFor ?? createKubeRequester;

  /** An edit's objects with the live fields the wizard cannot express kept. */
  const keepLiveFields = async (
    objects: ReadonlyArray<ManifestObject>,
    input: DaemonSetInput,
    baseRevision: number,
    signal?: AbortSignal,
  ) => {
    const cluster = clusters.find(c => c.name === input.cluster);
    if (!cluster) {
      throw new InputError(
        `cluster: an edit (baseRevision set) needs a cluster configured in the backend, got '${
          input.cluster ?? ''
        }'`,
      );
    }
    return withLiveKeptFields(objects, {
      request: requesterFor(cluster),
      cluster: cluster.name,
      baseRevision,
      signal,
    });
  };

  const action = createTemplateAction({
    id: 'daemonset:generate',
    description:
      'Validates a DaemonSet wizard input, writes the DaemonSet and Service manifests to the workspace and says whether the platform policy requires an approval.',
    supportsDryRun: true,
    examples: generateExamples,
    schema: {
      // The scaffolder checks the input against `scaffolderInputJsonSchema` (set below) and the
      // builder re-checks every rule, so the zod side only declares the type.
      input: zImpl => zImpl.custom<DaemonSetGenerateActionInput>(),
      // A function, like `input`: the scaffolder only publishes the output schema when both
      // are given in the same form.
      output: zImpl =>
        zImpl.object({
          manifest: zImpl
            .string()
            .describe('The manifests as a multi-document YAML stream.'),
          objects: zImpl
            .array(zImpl.record(zImpl.custom<JsonValue>()))
            .describe(
              'The manifests as objects: the DaemonSet, then its Services.',
            ),
          filePath: zImpl
            .string()
            .describe(
              'Where the manifests were written, relative to the workspace.',
            ),
          approvalRequired: zImpl
            .boolean()
            .describe(
              'Whether the platform policy holds this input for approval.',
            ),
          approvalReasons: zImpl
            .array(zImpl.string())
            .describe(
              'Why approval is required, each naming the field and the policy key.',
            ),
          entityRef: zImpl
            .string()
            .optional()
            .describe(
              'The catalog Component the DaemonSet becomes once it runs (the catalog provider ingests DaemonSets that carry an owner); absent without an owner or a cluster.',
            ),
          approvalMode: zImpl
            .enum(['portal', 'pull-request'])
            .describe(
              'How approval is asked for (daemonset.approval.mode): portal runs daemonset:request-approval, pull-request opens a pull request.',
            ),
        }),
    },
    async handler(ctx) {
      if (
        typeof ctx.input !== 'object' ||
        ctx.input === null ||
        Array.isArray(ctx.input)
      ) {
        throw new InputError('Invalid DaemonSet input: must be an object');
      }
      // Untouched sections count as absent, as the generator treats them: the file name and the
      // log are made of the same input it checks (`namespace: {}` means the default namespace).
      const {
        filePath: requestedPath,
        baseRevision: rawBaseRevision,
        ...wizardInput
      } = pruneEmptySections(ctx.input) as DaemonSetGenerateActionInput;
      // A template renders an absent parameter as ''; only an edit sets it.
      const baseRevision =
        rawBaseRevision === undefined || rawBaseRevision === ''
          ? undefined
          : parseBaseRevision(rawBaseRevision);
      // The builder validates (schema, cross-field rules, policy) and throws every problem.
      let result: ReturnType<typeof buildDaemonSetManifests>;
      try {
        result = buildDaemonSetManifests(wizardInput, policy);
      } catch (error) {
        if (error instanceof DaemonSetInputError) {
          throw new InputError(
            `Invalid DaemonSet input: ${describeProblems(error.problems)}`,
          );
        }
        throw error;
      }
      if (baseRevision !== undefined) {
        const kept = await keepLiveFields(
          result.objects as unknown as ManifestObject[],
          wizardInput,
          baseRevision,
          ctx.signal,
        );
        result = {
          ...result,
          objects: kept.objects as unknown as typeof result.objects,
          yaml: toYamlDocuments(kept.objects),
        };
        if (kept.kept.length > 0) {
          // Paths only: a kept value may be anything, a credential included.
          ctx.logger.info(
            `Kept from what runs, not expressible in the wizard: ${kept.kept
              .map(f => `${f.object} ${formatFieldPath(f.path)}`)
              .join(', ')}`,
          );
        }
      }

      const filePath =
        requestedPath ??
        [
          'manifests',
          safeSegment(wizardInput.cluster ?? 'default'),
          safeSegment(wizardInput.namespace ?? 'default'),
          `${wizardInput.name}.yaml`,
        ].join('/');
      const target = resolveWorkspaceFile(ctx.workspacePath, filePath);
      await fs.mkdir(dirname(target), { recursive: true });
      await fs.writeFile(target, result.yaml, 'utf8');

      const written = relative(ctx.workspacePath, target).split('\\').join('/');
      const serviceCount = result.objects.length - 1;
      ctx.logger.info(
        `Generated DaemonSet ${wizardInput.namespace ?? 'default'}/${
          wizardInput.name
        }${
          serviceCount > 0 ? ` and ${serviceCount} Service(s)` : ''
        }: the input passed validation; manifests written to ${written}`,
      );
      if (result.approvalRequired) {
        ctx.logger.info(
          `Platform approval required: ${result.approvalReasons.join('; ')}`,
        );
      }
      ctx.output('manifest', result.yaml);
      ctx.output(
        'objects',
        // Plain JSON: the builder drops undefined fields and the YAML round-trips to these.
        result.objects.map(
          object => object as KubernetesObject & { [key: string]: JsonValue },
        ),
      );
      ctx.output('filePath', written);
      ctx.output('approvalRequired', result.approvalRequired);
      ctx.output('approvalReasons', result.approvalReasons);
      ctx.output('approvalMode', approvalMode);
      // The entity name holds the cluster, so without one there is no name to point at yet.
      if (wizardInput.owner !== undefined && wizardInput.cluster) {
        ctx.output(
          'entityRef',
          daemonSetEntityRef({
            cluster: wizardInput.cluster,
            namespace: wizardInput.namespace ?? 'default',
            name: wizardInput.name,
          }),
        );
      }
    },
  });
  return {
    ...action,
    schema: { ...action.schema, input: scaffolderInputJsonSchema },
  };
}
