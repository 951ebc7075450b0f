import type { ParsedContainerInput } from '../schema';
import { formatQuantity, parseQuantity, Quantity } from '../quantity';

/** The resource name the `gpu` field maps to. @public */
export const GPU_RESOURCE = 'nvidia.com/gpu';
/** The node label the `gpu.model` field selects on (set by NVIDIA GPU Feature Discovery). @public */
export const GPU_PRODUCT_LABEL = 'nvidia.com/gpu.product';
/** Requests used when the wizard leaves them out, as the console does. @public */
export const DEFAULT_REQUESTS: Readonly<Record<'cpu' | 'memory', string>> = {
  cpu: '250m',
  memory: '512Mi',
};

const FIRST_RESOURCES = ['cpu', 'memory'];

/** cpu, then memory, then the rest by name. */
function resourceOrder(a: string, b: string): number {
  const rank = (name: string) => {
    const index = FIRST_RESOURCES.indexOf(name);
    return index === -1 ? FIRST_RESOURCES.length : index;
  };
  return rank(a) - rank(b) || (a < b ? -1 : Number(a > b));
}

function canonicalList(
  list: Record<string, number | string> | undefined,
): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, value] of Object.entries(list ?? {})) {
    const quantity = parseQuantity(value, name);
    if (quantity) {
      out.set(name, quantity);
    }
  }
  return out;
}

function toRecord(list: Map<string, Quantity>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...list.keys()].sort(resourceOrder)) {
    out[name] = formatQuantity(list.get(name)!);
  }
  return out;
}

/**
 * The container's requests and limits in canonical form. CPU and memory requests default to
 * 250m and 512Mi; when a smaller limit is set, the request defaults to the limit instead, since
 * a request may not exceed its limit.
 */
export function buildResources(
  container: Pick<ParsedContainerInput, 'resources' | 'gpu'>,
): {
  requests: Record<string, string>;
  limits?: Record<string, string>;
} {
  const requests = canonicalList(container.resources?.requests);
  const limits = canonicalList(container.resources?.limits);
  if (container.gpu) {
    limits.set(GPU_RESOURCE, {
      nanos: BigInt(container.gpu.count) * 1_000_000_000n,
      binary: false,
    });
  }
  for (const name of ['cpu', 'memory'] as const) {
    if (!requests.has(name)) {
      const fallback = parseQuantity(DEFAULT_REQUESTS[name], name)!;
      const limit = limits.get(name);
      requests.set(
        name,
        limit && limit.nanos < fallback.nanos ? limit : fallback,
      );
    }
  }
  return limits.size > 0
    ? { requests: toRecord(requests), limits: toRecord(limits) }
    : { requests: toRecord(requests) };
}
