import type {
  DaemonSetInput,
  KeptField,
  Problem,
  ServiceInput,
} from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '../manifests';
import {
  CLUSTER_ANNOTATION,
  DESCRIPTION_ANNOTATION,
  ENTITY_NAME_ANNOTATION,
  NETWORKS_ANNOTATION,
  OWNER_ANNOTATION,
  RESERVED_LABELS,
  SYSTEM_ANNOTATION,
} from '../manifests/metadata';
import { ApprovalPolicy, defaultApprovalPolicy } from '../policy';
import { DaemonSetInputError } from '../problems';
import { fieldsNotIn, keptObjectName } from './keptFields';
import {
  asObject,
  asObjects,
  asStringMap,
  compactInput,
  Json,
  pick,
} from './objects';
import { readPodTemplate } from './podSpec';

/**
 * What {@link daemonSetInputFromManifests} returns.
 *
 * @public
 */
export interface ManifestInputResult {
  /** The wizard input that generates the live objects, as far as the wizard can express them. */
  input: DaemonSetInput;
  /** The live fields the wizard cannot express; an edit keeps them ({@link withKeptFields}). */
  keptFields: KeptField[];
  /** Why the input is not valid, when a live value breaks a wizard rule; empty otherwise. */
  problems: Problem[];
}

const SERVER_ANNOTATIONS = [
  'deprecated.daemonset.template.generation',
  'kubectl.kubernetes.io/last-applied-configuration',
];
const GENERATED_ANNOTATIONS = [
  DESCRIPTION_ANNOTATION,
  CLUSTER_ANNOTATION,
  OWNER_ANNOTATION,
  ENTITY_NAME_ANNOTATION,
  SYSTEM_ANNOTATION,
  ...SERVER_ANNOTATIONS,
];
const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
const OTEL = 'instrumentation.opentelemetry.io';

/** Every policy rule allowed: the mapping only maps; the real policy runs on the edit. */
const MAPPING_POLICY: ApprovalPolicy = {
  ...defaultApprovalPolicy,
  privileged: 'allow',
  hostNetwork: 'allow',
  hostPath: { decision: 'allow', allowedPathPrefixes: [] },
  protectedNamespaces: { decision: 'allow', namespaces: [] },
  allowedRegistries: { decision: 'allow', registries: [] },
};

function without(
  map: Record<string, string>,
  keys: ReadonlyArray<string>,
): Record<string, string> | undefined {
  const out = Object.fromEntries(
    Object.entries(map).filter(([key]) => !keys.includes(key)),
  );
  return Object.keys(out).length > 0 ? out : undefined;
}

function readMetrics(
  pod: Record<string, string>,
  user: Record<string, string>,
): DaemonSetInput['metrics'] {
  if (pod['prometheus.io/scrape'] !== 'true' || user['prometheus.io/scrape']) {
    return undefined;
  }
  const port = Number(pod['prometheus.io/port']);
  return Number.isInteger(port)
    ? {
        port,
        path: pod['prometheus.io/path'],
        scheme: pod['prometheus.io/scheme'] as 'http' | 'https' | undefined,
      }
    : undefined;
}

function readInstrumentation(
  pod: Record<string, string>,
): DaemonSetInput['instrumentation'] {
  const inject = Object.keys(pod).find(key =>
    key.startsWith(`${OTEL}/inject-`),
  );
  if (!inject) {
    return undefined;
  }
  const value = pod[inject];
  const names = pod[`${OTEL}/container-names`];
  return {
    language: inject.slice(`${OTEL}/inject-`.length) as NonNullable<
      DaemonSetInput['instrumentation']
    >['language'],
    instrumentation: value === 'true' ? undefined : value,
    containerNames: names ? names.split(',') : undefined,
    goTargetExecutable: pod[`${OTEL}/otel-go-auto-target-exe`],
  };
}

function readService(service: Json): ServiceInput {
  const spec = asObject(service.spec) ?? {};
  const type =
    spec.clusterIP === 'None'
      ? 'Headless'
      : (spec.type as ServiceInput['type']);
  return {
    name: String(asObject(service.metadata)?.name),
    type,
    ports: asObjects(spec.ports).map(
      port =>
        pick(port, [
          'name',
          'port',
          'targetPort',
          'protocol',
          'nodePort',
        ]) as ServiceInput['ports'][number],
    ),
  };
}

/**
 * Maps a live DaemonSet and its Services back to the wizard input that generates them: the
 * inverse of {@link buildDaemonSetManifests}, so an edit opens the wizard pre-filled.
 *
 * @remarks
 * For an input the wizard produced, the input maps back to the same manifests. Fields of a
 * DaemonSet changed outside the portal that the wizard cannot express are listed in
 * `keptFields`; fields the API server sets or defaults are not.
 *
 * @param daemonSet - the live `apps/v1` DaemonSet, as JSON.
 * @param services - its Services (those that select its pods), as JSON.
 * @public
 */
export function daemonSetInputFromManifests(
  daemonSet: unknown,
  services: ReadonlyArray<unknown> = [],
): ManifestInputResult {
  const ds = asObject(daemonSet) ?? {};
  const metadata = asObject(ds.metadata) ?? {};
  const spec = asObject(ds.spec) ?? {};
  const template = asObject(spec.template) ?? {};
  const pod = asObject(template.spec) ?? {};
  const annotations = asStringMap(metadata.annotations) ?? {};
  const podAnnotations =
    asStringMap(asObject(template.metadata)?.annotations) ?? {};
  const userAnnotations = without(annotations, GENERATED_ANNOTATIONS) ?? {};
  const strategy = asObject(spec.updateStrategy) ?? {};
  const rolling = asObject(strategy.rollingUpdate) ?? {};
  const networks = podAnnotations[NETWORKS_ANNOTATION];

  const input: DaemonSetInput = compactInput({
    name: String(metadata.name ?? ''),
    namespace: String(metadata.namespace ?? 'default'),
    cluster: annotations[CLUSTER_ANNOTATION],
    description: annotations[DESCRIPTION_ANNOTATION],
    owner: annotations[OWNER_ANNOTATION],
    system: annotations[SYSTEM_ANNOTATION],
    labels: without(asStringMap(metadata.labels) ?? {}, [
      ...RESERVED_LABELS,
      MANAGED_BY_LABEL,
    ]),
    annotations: Object.keys(userAnnotations).length
      ? userAnnotations
      : undefined,
    ...readPodTemplate(podAnnotations, pod),
    services: services.length
      ? services.map(s => readService(asObject(s) ?? {}))
      : undefined,
    updateStrategy: strategy.type
      ? {
          type: strategy.type as 'RollingUpdate' | 'OnDelete',
          maxUnavailable: rolling.maxUnavailable as number | string | undefined,
          maxSurge: rolling.maxSurge as number | string | undefined,
        }
      : undefined,
    minReadySeconds: spec.minReadySeconds as number | undefined,
    networkAttachments: networks ? networks.split(',') : undefined,
    metrics: readMetrics(podAnnotations, userAnnotations),
    instrumentation: readInstrumentation(podAnnotations),
  });

  let built;
  try {
    built = buildDaemonSetManifests(input, MAPPING_POLICY);
  } catch (error) {
    if (error instanceof DaemonSetInputError) {
      return { input, keptFields: [], problems: error.problems };
    }
    throw error;
  }
  const keptFields = [
    ...fieldsNotIn('DaemonSet', ds, built.daemonSet),
    ...services.flatMap(service => {
      const name = String(asObject(asObject(service)?.metadata)?.name);
      const generated = built.services.find(s => s.metadata.name === name);
      return fieldsNotIn(
        keptObjectName({ kind: 'Service', metadata: { name } }),
        service,
        generated,
      );
    }),
  ];
  return { input, keptFields, problems: [] };
}
