import { dns1123Label } from './formats';
/**
 * Where a DaemonSet lives: the cluster (as configured in the portal), its namespace and name.
 *
 * @public
 */
export interface DaemonSetLocation {
  /** The cluster name from `kubernetes.clusterLocatorMethods`. */
  cluster: string;
  /** The DaemonSet's namespace. */
  namespace: string;
  /** The DaemonSet's name. */
  name: string;
}

const MAX_ENTITY_NAME = 63;
const HASH_LENGTH = 11;

/** cyrb53: a 53-bit string hash, small and pure, so the browser computes the same name. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(36).padStart(HASH_LENGTH, '0');
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

/**
 * The catalog entity name of a DaemonSet, unique across clusters and namespaces, at most 63
 * characters and valid as a Backstage entity name.
 *
 * @remarks
 * The readable form is `<name>.<namespace>.<cluster>`, with exactly two dots: DaemonSet and
 * namespace names are DNS-1123 labels and cannot contain a dot, so the form decodes back to
 * its three parts and two different DaemonSets never share it. It is used when the cluster
 * name is itself a lowercase DNS-1123 label (entity names compare case-insensitively) and the
 * whole fits in 63 characters. Otherwise the name is a readable prefix, one dot, and an
 * 11-character hash of the exact triple: exactly one dot, so it never equals a readable form,
 * and two such names are equal only on a 53-bit hash collision.
 *
 * @public
 */
export function daemonSetEntityName(location: DaemonSetLocation): string {
  const { cluster, namespace, name } = location;
  const readable = `${name}.${namespace}.${cluster}`;
  if (
    dns1123Label.test(cluster) &&
    dns1123Label.test(namespace) &&
    dns1123Label.test(name) &&
    readable.length <= MAX_ENTITY_NAME
  ) {
    return readable;
  }
  const digest = hash53(JSON.stringify([cluster, namespace, name]));
  const prefix = slug(`${name}-${namespace}-${cluster}`)
    .slice(0, MAX_ENTITY_NAME - HASH_LENGTH - 1)
    .replace(/^-+|-+$/g, '');
  return prefix ? `${prefix}.${digest}` : digest;
}

/**
 * The full entity reference of a DaemonSet's Component, `component:default/<entity name>`.
 *
 * @public
 */
export function daemonSetEntityRef(location: DaemonSetLocation): string {
  return `component:default/${daemonSetEntityName(location)}`;
}
