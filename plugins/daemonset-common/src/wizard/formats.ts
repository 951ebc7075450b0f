/**
 * Kubernetes name and value formats, each with the message that names the rule. The regular
 * expressions follow k8s.io/apimachinery/pkg/util/validation.
 */

/**
 * The DNS-1123 label pattern alone (without the 63-character limit), for schemas that state a
 * pattern, such as an action's zod input; {@link dns1123Label} is the whole rule.
 *
 * @public
 */
export const dns1123LabelPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL = dns1123LabelPattern;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const IPV4 =
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/**
 * A format check: a predicate and the rule it enforces, phrased to follow a field name.
 *
 * @public
 */
export interface Format {
  /** Whether `value` follows the rule. */
  test(value: string): boolean;
  /** The rule, phrased to follow a field name ("must be ..."). */
  message: string;
}

/**
 * DNS-1123 label: names of DaemonSets, namespaces, containers, volumes.
 *
 * @public
 */
export const dns1123Label: Format = {
  test: v => v.length <= 63 && DNS1123_LABEL.test(v),
  message:
    "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
};

/**
 * DNS-1035 label: Service names (they become DNS names and must start with a letter).
 *
 * @public
 */
export const dns1035Label: Format = {
  test: v => v.length <= 63 && DNS1035_LABEL.test(v),
  message:
    "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters",
};

/**
 * DNS-1123 subdomain: names of ConfigMaps, Secrets, claims, priority classes.
 *
 * @public
 */
export const dns1123Subdomain: Format = {
  test: v => v.length <= 253 && DNS1123_SUBDOMAIN.test(v),
  message:
    "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters",
};

function isQualifiedName(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash === -1) {
    return value.length <= 63 && QUALIFIED_NAME_PART.test(value);
  }
  const prefix = value.slice(0, slash);
  const name = value.slice(slash + 1);
  return (
    dns1123Subdomain.test(prefix) &&
    name.length <= 63 &&
    QUALIFIED_NAME_PART.test(name)
  );
}

/** Label and annotation keys, toleration keys, topology keys. */
export const qualifiedName: Format = {
  test: isQualifiedName,
  message:
    "must be a qualified name: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
};

/** Label values (also node selector values). */
export const labelValue: Format = {
  test: v => v === '' || (v.length <= 63 && QUALIFIED_NAME_PART.test(v)),
  message:
    "must be a label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
};

/** Environment variable names. */
export const cIdentifier: Format = {
  test: v => C_IDENTIFIER.test(v),
  message:
    "must be a C identifier: letters, digits and '_', not starting with a digit",
};

/** Port names (IANA service names), used by named target ports. */
export const portName: Format = {
  test: v =>
    v.length <= 15 &&
    IANA_SVC_NAME.test(v) &&
    /[a-z]/.test(v) &&
    !v.includes('--'),
  message:
    "must be an IANA service name: at most 15 lowercase letters, digits and '-', with at least one letter, no '--', starting and ending with a letter or digit",
};

/** Keys of ConfigMaps and Secrets. */
export const configKey: Format = {
  test: v => v.length <= 253 && CONFIG_KEY.test(v),
  message:
    "must be a ConfigMap or Secret key: letters, digits, '-', '_' or '.', at most 253 characters",
};

/** An absolute path without `..` segments. */
export const absolutePath: Format = {
  test: v =>
    v.startsWith('/') && !v.includes('\0') && !v.split('/').includes('..'),
  message: "must be an absolute path (starting with '/') without '..' segments",
};

/** A relative path without `..` segments (subPath, ConfigMap item paths). */
export const relativePath: Format = {
  test: v => v !== '' && !v.startsWith('/') && !v.split('/').includes('..'),
  message: "must be a relative path without '..' segments",
};

function isIPv6(value: string): boolean {
  const parts = value.split('::');
  if (parts.length > 2) {
    return false;
  }
  const groups = (part: string): string[] =>
    part === '' ? [] : part.split(':');
  const head = groups(parts[0]);
  const tail = parts.length === 2 ? groups(parts[1]) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && IPV4.test(last)) {
    all.pop();
    count += 1;
  }
  if (!all.every(g => IPV6_GROUP.test(g))) {
    return false;
  }
  return parts.length === 2 ? count <= 7 : count === 8;
}

/** An IPv4 or IPv6 address. */
export const ipAddress: Format = {
  test: v => IPV4.test(v) || isIPv6(v),
  message: 'must be an IPv4 or IPv6 address',
};

/**
 * A network attachment reference as Multus reads it: `[namespace/]name[@interface]`.
 */
export const networkAttachment: Format = {
  test: v =>
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?(@[A-Za-z0-9_.-]{1,15})?$/.test(
      v,
    ),
  message:
    "must be a network attachment reference: '[namespace/]name[@interface]' with DNS-1123 names",
};

/** A DNS search domain (a trailing dot is allowed). */
export const searchDomain: Format = {
  test: v => dns1123Subdomain.test(v.endsWith('.') ? v.slice(0, -1) : v),
  message:
    "must be a DNS search domain: lowercase letters, digits, '-' and '.', at most 253 characters",
};

/** An OpenTelemetry `Instrumentation` reference: `name` or `namespace/name`. */
export const instrumentationRef: Format = {
  test: v => {
    const parts = v.split('/');
    return (
      v === 'true' ||
      (parts.length <= 2 && parts.every(p => dns1123Label.test(p)))
    );
  },
  message:
    "must name an Instrumentation resource: 'name' or 'namespace/name' with DNS-1123 labels",
};

const ENTITY_KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const ENTITY_NAMESPACE = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;

function isEntityRef(value: string, kind?: string): boolean {
  const colon = value.indexOf(':');
  const refKind = colon === -1 ? undefined : value.slice(0, colon);
  const rest = colon === -1 ? value : value.slice(colon + 1);
  const parts = rest.split('/');
  if (parts.length > 2) {
    return false;
  }
  const name = parts[parts.length - 1];
  const namespace = parts.length === 2 ? parts[0] : undefined;
  return (
    (refKind === undefined ||
      (refKind.length <= 63 &&
        ENTITY_KIND.test(refKind) &&
        (kind === undefined || refKind.toLowerCase() === kind))) &&
    (namespace === undefined ||
      (namespace.length <= 63 && ENTITY_NAMESPACE.test(namespace))) &&
    name.length <= 63 &&
    QUALIFIED_NAME_PART.test(name)
  );
}

/** A catalog entity reference: `[kind:][namespace/]name`, e.g. `group:default/platform-team`. */
export const entityRef: Format = {
  test: v => isEntityRef(v),
  message:
    "must be a catalog entity reference '[kind:][namespace/]name' such as group:default/platform-team or platform-team",
};

/** A reference to a System entity: `[system:][namespace/]name`. */
export const systemRef: Format = {
  test: v => isEntityRef(v, 'system'),
  message:
    "must be a System entity reference '[system:][namespace/]name' such as system:default/observability or observability",
};
