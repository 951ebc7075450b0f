import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const ESTABLISHED = '01';

/**
 * Open TCP connections of this process to `port` on any address (Linux `/proc` only): the
 * sockets among this process's file descriptors that `/proc/net/tcp{,6}` lists with that remote
 * port. Other processes' connections to the same port (the controller manager, kwok...) are
 * not counted. Returns undefined where `/proc` is not available.
 */
export function openConnectionsTo(
  port: number,
  pid: number | 'self' = 'self',
): number | undefined {
  let inodes: Set<string>;
  try {
    inodes = new Set(
      readdirSync(`/proc/${pid}/fd`).flatMap(fd => {
        try {
          const m = /^socket:\[(\d+)\]$/.exec(
            readlinkSync(`/proc/${pid}/fd/${fd}`),
          );
          return m ? [m[1]] : [];
        } catch {
          return []; // closed meanwhile
        }
      }),
    );
  } catch {
    return undefined;
  }
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const table of ['tcp', 'tcp6']) {
    let text = '';
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const remotePort = f[2].split(':')[1];
      if (remotePort === portHex && f[3] === ESTABLISHED && inodes.has(f[9])) {
        count++;
      }
    }
  }
  return count;
}
