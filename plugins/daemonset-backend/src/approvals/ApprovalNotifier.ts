import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ApprovalRequest } from '@daemonsets/plugin-daemonset-common';

/** The portal page of one request. @internal */
export function approvalLink(id: string): string {
  return `/daemonset-approvals/${encodeURIComponent(id)}`;
}

function target(request: ApprovalRequest): string {
  return `DaemonSet ${request.namespace}/${request.name} on ${request.cluster}`;
}

/**
 * Tells approvers of new requests and requesters of what happened to theirs. A notification that
 * cannot be sent is logged, never fails the operation that caused it.
 *
 * @internal
 */
export class ApprovalNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      logger: LoggerService;
      approversGroup?: string;
    },
  ) {}

  async newRequest(request: ApprovalRequest): Promise<void> {
    const group = this.options.approversGroup;
    if (!group) return;
    await this.send(request, {
      recipients: {
        type: 'entity',
        entityRef: group,
        excludeEntityRef: request.requester,
      },
      title: `Approval requested: ${target(request)}`,
      description: `${request.requester} asks for approval (${
        request.requiredApprovals
      } needed): ${request.reasons.join('; ')}`,
      severity: 'high',
    });
  }

  async decided(
    request: ApprovalRequest,
    decision: { by: string; decision: 'approve' | 'reject'; comment?: string },
  ): Promise<void> {
    const verb = decision.decision === 'approve' ? 'approved' : 'rejected';
    await this.send(request, {
      recipients: { type: 'entity', entityRef: request.requester },
      title: `${target(request)} ${verb} by ${decision.by}`,
      description: decision.comment
        ? `${decision.by}: ${decision.comment}`
        : `State: ${request.state}`,
      severity: decision.decision === 'approve' ? 'normal' : 'high',
    });
  }

  async applyOutcome(request: ApprovalRequest): Promise<void> {
    const applied = request.state === 'applied';
    await this.send(request, {
      recipients: { type: 'entity', entityRef: request.requester },
      title: applied
        ? `${target(request)} applied`
        : `${target(request)} failed to apply`,
      description: applied
        ? 'The approved manifests were applied and the rollout completed.'
        : request.error ?? 'The apply failed.',
      severity: applied ? 'normal' : 'high',
    });
  }

  private async send(
    request: ApprovalRequest,
    message: {
      recipients: Parameters<NotificationService['send']>[0]['recipients'];
      title: string;
      description: string;
      severity: 'high' | 'normal';
    },
  ): Promise<void> {
    try {
      await this.options.notifications.send({
        recipients: message.recipients,
        payload: {
          title: message.title,
          description: message.description.slice(0, 1000),
          link: approvalLink(request.id),
          severity: message.severity,
          topic: 'daemonset-approval',
        },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not send the notification "${
          message.title
        }" of approval request ${request.id}: ${(error as Error).message}`,
      );
    }
  }
}
