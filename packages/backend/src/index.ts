import { createBackend } from '@backstage/backend-defaults';
import { localIdentitiesAuthModule } from './localIdentities';
import { localPortalPermissionPolicyModule } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(localIdentitiesAuthModule);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@daemonsets/plugin-catalog-backend-module-daemonset'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(localPortalPermissionPolicyModule);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@daemonsets/plugin-scaffolder-backend-module-daemonset'));

backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));

backend.add(import('@daemonsets/plugin-daemonset-backend'));
// Serves the actions of backend.actions.pluginSources to AI agents over MCP.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
