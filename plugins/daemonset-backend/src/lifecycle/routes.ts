import { HttpAuthService } from '@backstage/backend-plugin-api';
import express, { Request, Router } from 'express';
import PromiseRouter from 'express-promise-router';
import { LifecycleService } from './LifecycleService';

const jsonBody = express.json({ limit: '16kb' });

function entityRef(req: Request) {
  return {
    namespace: req.params.namespace,
    kind: req.params.kind,
    name: req.params.name,
  };
}

/**
 * Adds the lifecycle routes (`/entity/:namespace/:kind/:name/lifecycle...`): the state an edit
 * and a rollback start from, rollback and decommission. Changes need a user's credentials.
 *
 * @internal
 */
export function addLifecycleRoutes(
  router: Router,
  options: { service: LifecycleService; httpAuth: HttpAuthService },
): void {
  const { service, httpAuth } = options;
  const base = '/entity/:namespace/:kind/:name/lifecycle';

  router.get(base, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.state(entityRef(req), credentials));
  });

  router.post(`${base}/rollback`, jsonBody, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const outcome = await service.rollback(
      entityRef(req),
      req.body,
      credentials,
      req,
    );
    res.status(outcome.outcome === 'applied' ? 200 : 202).json(outcome);
  });

  router.post(`${base}/decommission`, jsonBody, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await service.decommission(entityRef(req), req.body, credentials, req),
    );
  });
}

/**
 * The lifecycle routes on a router of their own, mounted beside the plugin's main router.
 *
 * @internal
 */
export function createLifecycleRouter(
  options: ConstructorParameters<typeof LifecycleService>[0] & {
    httpAuth: HttpAuthService;
  },
): Router {
  const router = PromiseRouter();
  addLifecycleRoutes(router, {
    service: new LifecycleService(options),
    httpAuth: options.httpAuth,
  });
  return router;
}
