/**
 * Kubernetes resource quantities: parsing, comparison and the canonical text form the API server
 * would keep unchanged. Values are held exactly as a count of nano units (10^-9), which is the
 * finest precision Kubernetes keeps; finer values round up, as Kubernetes does.
 */

const QUANTITY =
  /^(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const DECIMAL_EXPONENT: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_POWER: Record<string, number> = {
  Ki: 1,
  Mi: 2,
  Gi: 3,
  Ti: 4,
  Pi: 5,
  Ei: 6,
};
const DECIMAL_SUFFIXES: Array<[number, string]> = [
  [18, 'E'],
  [15, 'P'],
  [12, 'T'],
  [9, 'G'],
  [6, 'M'],
  [3, 'k'],
  [0, ''],
  [-3, 'm'],
  [-6, 'u'],
  [-9, 'n'],
];
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const NANO = 1_000_000_000n;

/** A parsed, non-negative quantity. */
export interface Quantity {
  /** The value in units of 10^-9. */
  nanos: bigint;
  /** Whether the text used a binary suffix (Ki, Mi...), which Kubernetes keeps when it can. */
  binary: boolean;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** Parses a quantity string such as `250m`, `0.5`, `512Mi` or `1e3`; undefined if malformed. */
export function parseQuantityString(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [, number, suffix = ''] = match;
  const [whole, fraction = ''] = number.split('.');
  const digits = BigInt(`${whole || '0'}${fraction}`);
  const scale = 10n ** BigInt(fraction.length);
  if (suffix in BINARY_POWER) {
    const multiplier = 1024n ** BigInt(BINARY_POWER[suffix]);
    return { nanos: ceilDiv(digits * multiplier * NANO, scale), binary: true };
  }
  const exponent =
    suffix in DECIMAL_EXPONENT
      ? DECIMAL_EXPONENT[suffix]
      : Number(suffix.slice(1));
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 100) {
    return undefined;
  }
  const shift = exponent + 9;
  const nanos =
    shift >= 0
      ? ceilDiv(digits * 10n ** BigInt(shift), scale)
      : ceilDiv(digits, scale * 10n ** BigInt(-shift));
  return { nanos, binary: false };
}

/** Parses a number as a decimal quantity (`0.25` is a quarter). */
export function parseQuantityNumber(value: number): Quantity | undefined {
  if (!Number.isFinite(value) || value < 0) {
    return undefined;
  }
  // String() gives the shortest text that round-trips, so 0.1 stays exactly 0.1.
  return parseQuantityString(String(value).replace('e+', 'e'));
}

function formatDecimal(nanos: bigint): string {
  if (nanos === 0n) {
    return '0';
  }
  for (const [exponent, suffix] of DECIMAL_SUFFIXES) {
    const unit = 10n ** BigInt(exponent + 9);
    if (nanos % unit === 0n) {
      return `${nanos / unit}${suffix}`;
    }
  }
  return `${nanos}n`;
}

function formatBinary(nanos: bigint): string | undefined {
  if (nanos % NANO !== 0n || nanos < 1024n * NANO) {
    return undefined;
  }
  let value = nanos / NANO;
  let power = 0;
  while (value >= 1024n && value % 1024n === 0n && power < 6) {
    value /= 1024n;
    power += 1;
  }
  // Without a suffix the text would read back as decimal, so let the decimal form decide.
  return power > 0 ? `${value}${BINARY_SUFFIXES[power]}` : undefined;
}

/**
 * The canonical text of a quantity: binary suffixes are kept when the value is a whole multiple
 * of 1024 (`0.5Gi` → `512Mi`), otherwise the largest decimal suffix that keeps an integer
 * (`0.25` → `250m`, `1000m` → `1`, `1.5Ki` → `1536`). Kubernetes returns these strings
 * unchanged, and canonicalising them again gives the same text.
 */
export function formatQuantity(quantity: Quantity): string {
  return (
    (quantity.binary ? formatBinary(quantity.nanos) : undefined) ??
    formatDecimal(quantity.nanos)
  );
}

/** Whether a resource is counted in bytes (memory, storage, huge pages). */
export function isByteResource(resourceName: string): boolean {
  return (
    resourceName === 'memory' ||
    resourceName === 'ephemeral-storage' ||
    resourceName === 'storage' ||
    resourceName.startsWith('hugepages-')
  );
}

/**
 * Whether a resource name is an extended resource (domain-prefixed, outside `kubernetes.io`),
 * which Kubernetes only accepts as whole numbers with requests equal to limits.
 */
export function isExtendedResource(resourceName: string): boolean {
  if (!resourceName.includes('/')) {
    return false;
  }
  const domain = resourceName.slice(0, resourceName.indexOf('/'));
  return domain !== 'kubernetes.io' && !domain.endsWith('.kubernetes.io');
}

/**
 * Parses a wizard quantity. Numbers are cores for CPU, bytes for byte resources (so they prefer
 * a binary suffix: 536870912 → `512Mi`) and counts for extended resources.
 */
export function parseQuantity(
  value: number | string,
  resourceName: string,
): Quantity | undefined {
  if (typeof value === 'string') {
    return parseQuantityString(value);
  }
  const parsed = parseQuantityNumber(value);
  return parsed && { ...parsed, binary: isByteResource(resourceName) };
}

/** The canonical text of a wizard quantity, or undefined if it is malformed. */
export function canonicalQuantity(
  value: number | string,
  resourceName: string,
): string | undefined {
  const parsed = parseQuantity(value, resourceName);
  return parsed && formatQuantity(parsed);
}
