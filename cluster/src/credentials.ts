import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Layout } from './paths.ts';

/** Static-token identities. The controller manager and scheduler users get their rights from bootstrap RBAC. */
export const IDENTITIES = {
  admin: { user: 'cluster-admin', groups: ['system:masters'] },
  portal: { user: 'daemonset-portal', groups: [] as string[] },
  'controller-manager': {
    user: 'system:kube-controller-manager',
    groups: [] as string[],
  },
  scheduler: { user: 'system:kube-scheduler', groups: [] as string[] },
} as const;
/** Name of a static-token identity. */
export type Identity = keyof typeof IDENTITIES;

/** Path of an identity's token file. */
export function tokenPath(l: Layout, id: Identity): string {
  return join(l.tokens, id);
}

/** Path of the `--token-auth-file` CSV. */
export function tokenAuthFile(l: Layout): string {
  return join(l.tokens, 'token-auth.csv');
}

/** Path of a component kubeconfig (admin and portal live at the top of the layout). */
export function kubeconfigPath(l: Layout, id: Identity): string {
  if (id === 'admin') return l.kubeconfig;
  if (id === 'portal') return l.portalKubeconfig;
  return join(l.tokens, `${id}.kubeconfig`);
}

/** Reads a token. */
export function readToken(l: Layout, id: Identity): string {
  return readFileSync(tokenPath(l, id), 'utf8').trim();
}

/** Generates each token once per cluster home and writes the API server's token CSV. */
export function ensureTokens(l: Layout): void {
  mkdirSync(l.tokens, { recursive: true, mode: 0o700 });
  const rows: string[] = [];
  for (const [id, who] of Object.entries(IDENTITIES) as [
    Identity,
    (typeof IDENTITIES)[Identity],
  ][]) {
    const p = tokenPath(l, id);
    if (!existsSync(p))
      writeFileSync(p, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
    rows.push(
      `${readToken(l, id)},${who.user},${who.user},"${who.groups.join(',')}"`,
    );
  }
  writeFileSync(tokenAuthFile(l), `${rows.join('\n')}\n`, { mode: 0o600 });
}

/** Renders a single-context token kubeconfig (YAML) with the CA embedded. */
export function renderKubeconfig(
  server: string,
  caPem: string,
  user: string,
  token: string,
): string {
  const ca = Buffer.from(caPem).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
  - name: daemonsets-local
    cluster:
      server: ${server}
      certificate-authority-data: ${ca}
users:
  - name: ${user}
    user:
      token: ${token}
contexts:
  - name: daemonsets-local
    context:
      cluster: daemonsets-local
      user: ${user}
current-context: daemonsets-local
`;
}

/** Writes the kubeconfig of every identity. */
export function writeKubeconfigs(
  l: Layout,
  server: string,
  caPath: string,
): void {
  const ca = readFileSync(caPath, 'utf8');
  for (const id of Object.keys(IDENTITIES) as Identity[]) {
    writeFileSync(
      kubeconfigPath(l, id),
      renderKubeconfig(server, ca, IDENTITIES[id].user, readToken(l, id)),
      { mode: 0o600 },
    );
  }
}
