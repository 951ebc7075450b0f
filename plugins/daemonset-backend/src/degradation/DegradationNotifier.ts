import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { DaemonSetTarget } from './DegradationStore';

/** The entity's DaemonSet tab in the portal. @internal */
export function daemonSetTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(
    namespace.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/daemonset`;
}

function describeTarget(t: DaemonSetTarget): string {
  return `DaemonSet ${t.namespace}/${t.name} on ${t.cluster}`;
}

/**
 * Tells an entity's owner that one of its DaemonSets degraded or recovered. Recipients are the
 * entity itself: the notifications backend resolves it to its owners. A failed send is logged,
 * never thrown, so that one unreachable recipient does not stop the evaluation of the others.
 *
 * @internal
 */
export class DegradationNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  async degraded(target: DaemonSetTarget, reason: string): Promise<void> {
    await this.send(target, {
      title: `${describeTarget(target)} is degraded`,
      description: `${target.entityRef}: ${reason}`,
      severity: 'high',
    });
  }

  async recovered(target: DaemonSetTarget): Promise<void> {
    await this.send(target, {
      title: `${describeTarget(target)} recovered`,
      description: `${target.entityRef}: every node is healthy again.`,
      severity: 'normal',
    });
  }

  private async send(
    target: DaemonSetTarget,
    message: {
      title: string;
      description: string;
      severity: 'high' | 'normal';
    },
  ): Promise<void> {
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: target.entityRef },
        payload: {
          title: message.title,
          description: message.description.slice(0, 1000),
          link: daemonSetTabLink(target.entityRef),
          severity: message.severity,
          topic: 'daemonset-degradation',
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not send the notification "${message.title}": ${
          (error as Error).message
        }`,
      );
    }
  }
}
