import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Component, Layout } from './paths.ts';
import { PORTS } from './paths.ts';
import type { Pki } from './pki.ts';
import { kubeconfigPath, tokenAuthFile } from './credentials.ts';
import { ensureKwokConfig } from './kwokConfig.ts';
import { ensureSimulatedLogs } from './simulatedLogs.ts';

/**
 * kwok renews each node lease every duration/4: 240s keeps 5000 nodes at ~80 writes/s (120s made
 * ~170/s, the largest steady load on the API server, and a loaded 2-core machine fell behind).
 */
export const NODE_LEASE_SECONDS = 240;
/** Must exceed the lease duration, or healthy fake nodes flap to Unknown under load. */
export const NODE_MONITOR_GRACE = '600s';

/** URL of the API server. */
export const SERVER = `https://127.0.0.1:${PORTS.apiserver}`;

/** How to run and probe one component. */
export interface ComponentSpec {
  name: Component;
  args: string[];
  /** Health endpoint (https endpoints of controller manager/scheduler use self-signed certs). */
  healthUrl: string;
  /** Start-up budget in ms (the API server bootstraps RBAC on first start). */
  startTimeoutMs: number;
}

/** Command lines of all components, in start order. */
export function componentSpecs(l: Layout, pki: Pki): ComponentSpec[] {
  const etcdUrl = `http://127.0.0.1:${PORTS.etcdClient}`;
  const peerUrl = `http://127.0.0.1:${PORTS.etcdPeer}`;
  const stages = readdirSync(l.stagesDir)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .map(f => `--config=${join(l.stagesDir, f)}`);
  return [
    {
      name: 'etcd',
      healthUrl: `${etcdUrl}/health`,
      startTimeoutMs: 30_000,
      args: [
        '--name=local',
        `--data-dir=${l.etcdData}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=local=${peerUrl}`,
        '--quota-backend-bytes=8589934592',
        // Throwaway test data: skipping fsync makes mass node/pod creation much faster.
        '--unsafe-no-fsync=true',
        '--log-level=warn',
      ],
    },
    {
      name: 'kube-apiserver',
      healthUrl: `${SERVER}/readyz`,
      startTimeoutMs: 90_000,
      args: [
        `--etcd-servers=${etcdUrl}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${PORTS.apiserver}`,
        `--cert-dir=${l.pki}`,
        `--tls-cert-file=${pki.apiserverCert}`,
        `--tls-private-key-file=${pki.apiserverKey}`,
        `--client-ca-file=${pki.caCert}`,
        `--token-auth-file=${tokenAuthFile(l)}`,
        '--authorization-mode=Node,RBAC',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${pki.saPub}`,
        `--service-account-signing-key-file=${pki.saKey}`,
        '--service-cluster-ip-range=10.96.0.0/16',
        '--allow-privileged=true',
        // 0/0 means "no limit" but is rejected while priority-and-fairness is on.
        '--max-requests-inflight=0',
        '--max-mutating-requests-inflight=0',
        '--enable-priority-and-fairness=false',
        '--profiling=false',
        '--event-ttl=1h',
        // Every simulated kubelet is kwok on this host (see nodes.ts), serving with this cert.
        '--kubelet-preferred-address-types=InternalDNS,InternalIP,Hostname',
        `--kubelet-certificate-authority=${pki.caCert}`,
      ],
    },
    {
      name: 'kube-controller-manager',
      healthUrl: `https://127.0.0.1:${PORTS.controllerManager}/healthz`,
      startTimeoutMs: 60_000,
      args: [
        `--kubeconfig=${kubeconfigPath(l, 'controller-manager')}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${PORTS.controllerManager}`,
        `--cert-dir=${join(l.pki, 'kube-controller-manager')}`,
        '--leader-elect=false',
        `--service-account-private-key-file=${pki.saKey}`,
        `--root-ca-file=${pki.caCert}`,
        // Per-controller service accounts: bootstrap RBAC only grants the controllers' rights to those.
        '--use-service-account-credentials=true',
        `--node-monitor-grace-period=${NODE_MONITOR_GRACE}`,
        '--node-startup-grace-period=120s',
        '--kube-api-qps=200',
        '--kube-api-burst=400',
        '--profiling=false',
      ],
    },
    {
      name: 'kube-scheduler',
      healthUrl: `https://127.0.0.1:${PORTS.scheduler}/healthz`,
      startTimeoutMs: 60_000,
      args: [
        `--kubeconfig=${kubeconfigPath(l, 'scheduler')}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${PORTS.scheduler}`,
        `--cert-dir=${join(l.pki, 'kube-scheduler')}`,
        '--leader-elect=false',
        '--kube-api-qps=200',
        '--kube-api-burst=400',
        '--profiling=false',
      ],
    },
    {
      name: 'kwok',
      healthUrl: `http://127.0.0.1:${PORTS.kwok}/healthz`,
      startTimeoutMs: 30_000,
      args: [
        `--kubeconfig=${l.kubeconfig}`,
        '--manage-all-nodes=false',
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        `--server-address=127.0.0.1:${PORTS.kwok}`,
        // The kubelet endpoint the API server calls for pod logs: nodes advertise this port.
        `--node-port=${PORTS.kwok}`,
        `--tls-cert-file=${pki.apiserverCert}`,
        `--tls-private-key-file=${pki.apiserverKey}`,
        `--config=${ensureSimulatedLogs(l)}`,
        `--config=${ensureKwokConfig(l)}`,
        `--node-lease-duration-seconds=${NODE_LEASE_SECONDS}`,
        '--cidr=10.64.0.0/10',
        '--node-ip=10.1.0.1',
        '--v=WARN',
        ...stages,
      ],
    },
  ];
}
