import type { PlacementPreview } from '@daemonsets/plugin-daemonset-common';

const number = (value: number, digits: number) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits });

/** Whether a resource is counted in bytes (memory, ephemeral storage, huge pages). */
export function isByteResource(resource: string): boolean {
  return (
    resource === 'memory' ||
    resource === 'ephemeral-storage' ||
    resource.startsWith('hugepages-')
  );
}

/** Bytes in binary units: `512 MiB`, `9 GiB`, `1.5 TiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${number(value, value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** CPU cores: `0.25`, `4.5`, `1,250`. */
export function formatCores(cores: number): string {
  return number(cores, 3);
}

/** One resource amount in words, e.g. `0.25 CPU`, `4.5 cores`, `9 GiB memory`, `2 nvidia.com/gpu`. */
export function formatResource(
  resource: string,
  amount: number,
  cpuWord: 'CPU' | 'cores',
): string {
  if (resource === 'cpu') {
    const word = cpuWord === 'cores' && amount === 1 ? 'core' : cpuWord;
    return `${formatCores(amount)} ${word}`;
  }
  if (isByteResource(resource)) {
    return `${formatBytes(amount)} ${resource}`;
  }
  return `${number(amount, 3)} ${resource}`;
}

function list(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function ordered(amounts: Record<string, number>): string[] {
  const first = ['cpu', 'memory'];
  const rank = (r: string) =>
    first.includes(r) ? first.indexOf(r) : first.length;
  return Object.keys(amounts)
    .filter(r => amounts[r] > 0)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * The fleet-wide cost in a sentence: "Reserves 0.25 CPU and 512 MiB memory per pod × 18 nodes =
 * 4.5 cores and 9 GiB memory across the fleet."
 */
export function describeCost(preview: PlacementPreview): string {
  const resources = ordered(preview.cost.perPod);
  if (resources.length === 0) {
    return 'Reserves no CPU or memory: the containers request none.';
  }
  const perPod = list(
    resources.map(r => formatResource(r, preview.cost.perPod[r], 'CPU')),
  );
  const nodes = `${preview.eligibleNodes} node${
    preview.eligibleNodes === 1 ? '' : 's'
  }`;
  if (preview.eligibleNodes === 0) {
    return `Reserves ${perPod} per pod, on no node: nothing across the fleet.`;
  }
  const fleet = list(
    resources.map(r => formatResource(r, preview.cost.fleet[r] ?? 0, 'cores')),
  );
  return `Reserves ${perPod} per pod × ${nodes} = ${fleet} across the fleet.`;
}

/** One excluded group: "12 nodes: taint dedicated=gpu:NoSchedule not tolerated". */
export function describeExcluded(
  group: PlacementPreview['excluded'][number],
): string {
  return `${group.count} node${group.count === 1 ? '' : 's'}: ${group.reason}`;
}
