import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express, { NextFunction, Request, Response, Router } from 'express';
import { parseListQuery } from './approvalInput';
import { UserCredentials } from './approvalAccess';
import { ApprovalService } from './ApprovalService';

/** Largest accepted body of the approval routes. @internal */
export const APPROVAL_BODY_LIMIT = '512kb';

const jsonBody = express.json({ limit: APPROVAL_BODY_LIMIT });

function approvalBody(req: Request, res: Response, next: NextFunction) {
  jsonBody(req, res, error => {
    const type = (error as { type?: string } | undefined)?.type;
    if (type === 'entity.parse.failed') {
      next(new InputError('The request body is not valid JSON'));
    } else if (type === 'entity.too.large') {
      next(
        new InputError(
          `The request body is larger than ${APPROVAL_BODY_LIMIT}`,
        ),
      );
    } else {
      next(error);
    }
  });
}

/**
 * Adds the approval routes (`/approvals...`) to the plugin's router. Every route needs a user's
 * credentials: requests are filed, read and decided by people.
 *
 * @internal
 */
export function addApprovalRoutes(
  router: Router,
  options: { service: ApprovalService; httpAuth: HttpAuthService },
): void {
  const { service, httpAuth } = options;
  const user = (req: Request): Promise<UserCredentials> =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.post('/approvals', approvalBody, async (req, res) => {
    const credentials = await user(req);
    res
      .status(201)
      .json(await service.createRequest(req.body, credentials, req));
  });

  router.get('/approvals', async (req, res) => {
    const credentials = await user(req);
    const filter = parseListQuery(req.query as Record<string, unknown>);
    res.json({ items: await service.list(filter, credentials) });
  });

  router.get('/approvals/:id', async (req, res) => {
    const credentials = await user(req);
    res.json(await service.get(req.params.id, credentials));
  });

  router.get('/approvals/:id/live', async (req, res) => {
    const credentials = await user(req);
    res.json({ objects: await service.live(req.params.id, credentials) });
  });

  router.post('/approvals/:id/decisions', approvalBody, async (req, res) => {
    const credentials = await user(req);
    res.json(await service.decide(req.params.id, req.body, credentials, req));
  });

  router.post('/approvals/:id/withdraw', async (req, res) => {
    const credentials = await user(req);
    res.json(await service.withdraw(req.params.id, credentials, req));
  });

  router.post('/approvals/:id/retry', async (req, res) => {
    const credentials = await user(req);
    res.json(await service.retry(req.params.id, credentials, req));
  });
}
