import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const identitySignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      import('./IdentitySignInPage').then(m => m.IdentitySignInPage),
  },
});

/** Replaces the app's sign-in page with the local portal's two identities. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [identitySignInPage],
});
