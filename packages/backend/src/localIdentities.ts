import { createBackendModule } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/**
 * The local portal's sign-in identities: auth provider id → the catalog user it signs in as
 * (with that user's groups as ownership, from `examples/org.yaml`).
 */
export const localIdentities = {
  developer: 'user:default/dev',
  platform: 'user:default/platform',
  viewer: 'user:default/viewer',
} as const;

/** One-click sign-in, refused outside development like the guest provider. */
const localIdentityAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize: () => undefined,
  async authenticate() {
    if (process.env.NODE_ENV !== 'development') {
      throw new NotAllowedError(
        'The local portal identities exist for development only',
      );
    }
    return { result: {} };
  },
});

/**
 * Registers one proxy auth provider per entry of {@link localIdentities}, each signing in as its
 * catalog user, so that one person can act as a developer and as a platform engineer on one
 * machine. Each provider is active only when `auth.providers.<id>` is configured.
 */
export const localIdentitiesAuthModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'local-identities',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        for (const [providerId, userEntityRef] of Object.entries(
          localIdentities,
        )) {
          providers.registerProvider({
            providerId,
            factory: createProxyAuthProviderFactory({
              authenticator: localIdentityAuthenticator,
              signInResolver: async (_info, ctx) =>
                ctx.signInWithCatalogUser({ entityRef: userEntityRef }),
            }),
          });
        }
      },
    });
  },
});
