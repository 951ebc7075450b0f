/** Formats a time as HH:MM:SS in local time. */
export function formatClock(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(
    date.getSeconds(),
  )}`;
}

/** Parses an ISO timestamp; undefined when absent or invalid. */
export function parseTime(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A compact age such as "45s", "12m", "3h", "5d". */
export function formatAge(since: string | undefined, now: number): string {
  const date = parseTime(since);
  if (!date) return '—';
  const seconds = Math.max(0, Math.floor((now - date.getTime()) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

let zoneFormat: Intl.DateTimeFormat | undefined;

/** The short name of the viewer's time zone at a date, e.g. "UTC" or "GMT+2". */
export function timeZoneName(date: Date): string {
  // One formatter for all calls: creating one costs far more than formatting (rows call this).
  zoneFormat ??= new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' });
  const part = zoneFormat
    .formatToParts(date)
    .find(p => p.type === 'timeZoneName');
  return part?.value ?? 'local time';
}

/** A readable local date and time with its time zone, or the raw value. */
export function formatDateTime(value: string | undefined): string {
  const date = parseTime(value);
  if (!date) return value ?? '—';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )} ${formatClock(date)} ${timeZoneName(date)}`;
}
