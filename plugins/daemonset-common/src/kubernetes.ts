/**
 * The Kubernetes side of the DaemonSet plugins: the shapes of the objects the backend reads from
 * a cluster and of the manifests the wizard builds, and the pure conversions between those
 * objects and the plugin's own model (manifest builder, manifest to wizard input, manifest
 * policy, placement preview, status report). Kept apart from the main entry point so the
 * browser-facing model stays small; see the package README.
 *
 * @packageDocumentation
 */

export type {
  KubeAffinity,
  KubeCondition,
  KubeContainer,
  KubeContainerState,
  KubeContainerStatus,
  KubeControllerRevision,
  KubeDaemonSet,
  KubeNode,
  KubeNodeSelectorRequirement,
  KubeNodeSelectorTerm,
  KubeObjectMeta,
  KubeOwnerReference,
  KubePod,
  KubePodSpec,
  KubeTaint,
  KubeTime,
  KubeToleration,
} from './status/kubernetes';
export type { DaemonSetStatusInput } from './status/report';
export { buildDaemonSetStatusReport } from './status/report';
export { NodeRowCache } from './status/rowCache';
export type {
  BuildResult,
  ContainerManifest,
  DaemonSetManifest,
  KubernetesObject,
  ObjectMeta,
  PodSpecManifest,
  ServiceManifest,
  TolerationManifest,
  VolumeManifest,
} from './wizard/types';
export { buildDaemonSetManifests } from './wizard/manifests';
export {
  daemonSetInputFromManifests,
  withKeptFields,
} from './wizard/fromManifest';
export type { ManifestInputResult } from './wizard/fromManifest';
export * from './approvals/manifestPolicy';
export { parsePlacementInput, previewPlacement } from './wizardApi/placement';
export { dns1123Label, dns1123Subdomain } from './wizard/formats';
export type { Format } from './wizard/formats';
export type { PlacementInput } from './wizardApi/placement';
