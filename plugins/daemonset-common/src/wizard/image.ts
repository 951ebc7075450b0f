/**
 * Container image references, following the grammar of github.com/distribution/reference.
 */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG_PATTERN = '[\\w][\\w.-]{0,127}';
const DIGEST_PATTERN =
  '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(
  `^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG_PATTERN}))?(?:@(${DIGEST_PATTERN}))?$`,
);
const TAG = new RegExp(`^${TAG_PATTERN}$`);
/** Repository (255), tag (128) and a digest's algorithm and hex (80). */
const MAX_REFERENCE_LENGTH = 255 + 128 + 80;

/** The parts of an image reference. */
export interface ImageReference {
  /** The registry host (with port), `docker.io` when the reference names none. */
  registry: string;
  /** The repository path inside the registry (`library/nginx` for `nginx`). */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Parses an image reference such as `nginx`, `ghcr.io/acme/agent:1.2` or `x@sha256:...`. */
export function parseImageReference(image: string): ImageReference | undefined {
  // Length first: on megabytes of input the pattern's backtracking overflows the stack once V8
  // has compiled it to native code (found by the actions' fuzz test).
  if (image.length > MAX_REFERENCE_LENGTH) {
    return undefined;
  }
  const match = REFERENCE.exec(image);
  if (!match) {
    return undefined;
  }
  const [, first, rest, tag, digest] = match;
  // Like Docker: the first component is a registry only if it looks like a host.
  let registry = 'docker.io';
  let repository = rest;
  if (first !== undefined) {
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first === 'index.docker.io' ? 'docker.io' : first;
    } else if (first.toLowerCase() === first) {
      repository = `${first}/${rest}`;
    } else {
      return undefined;
    }
  }
  if (registry === 'docker.io' && !repository.includes('/')) {
    repository = `library/${repository}`;
  }
  return { registry, repository, tag, digest };
}

/** Whether a text is a valid image tag. */
export function isImageTag(tag: string): boolean {
  return TAG.test(tag);
}

/**
 * Whether an image lies under an allowed registry entry: a host (`ghcr.io`) or a host and path
 * prefix (`ghcr.io/acme`). Docker Hub images are `docker.io/...`.
 */
export function isImageFromRegistry(
  reference: ImageReference,
  entries: ReadonlyArray<string>,
): boolean {
  const full = `${reference.registry}/${reference.repository}`;
  return entries.some(entry => {
    const prefix = entry.replace(/\/+$/, '');
    return full === prefix || full.startsWith(`${prefix}/`);
  });
}

/**
 * The approval policy's registry rule for one image text: allowed when the list is empty, when
 * the image is not a valid reference (the schema reports that, not the policy) or when it lies
 * under an entry. Shared so a reader's highlighting flags exactly what the policy flags.
 *
 * @public
 */
export function isImageAllowed(
  image: string,
  registries: ReadonlyArray<string>,
): boolean {
  if (registries.length === 0) {
    return true;
  }
  const reference = parseImageReference(image);
  return !reference || isImageFromRegistry(reference, registries);
}
