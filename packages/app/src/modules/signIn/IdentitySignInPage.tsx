import { useState } from 'react';
import { Button, Grid, Typography } from '@material-ui/core';
import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import type { IdentityApi } from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';

/** The auth providers of packages/backend/src/localIdentities.ts, as offered on the page. */
export const signInIdentities = [
  {
    provider: 'developer',
    title: 'Developer',
    description:
      'Signs in as user:default/dev (app-team): runs templates and reads their own approval requests.',
  },
  {
    provider: 'platform',
    title: 'Platform engineer',
    description:
      'Signs in as user:default/platform (platform-team): reviews and approves DaemonSet requests.',
  },
  {
    provider: 'viewer',
    title: 'Viewer',
    description:
      'Signs in as user:default/viewer (visitors): browses the catalog, but may not read cluster state.',
  },
] as const;

/** Remembers the chosen identity across reloads until sign-out. */
const STORAGE_KEY = 'daemonset-portal:sign-in-provider';

function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}

/**
 * The local portal's sign-in page: one card per identity; the chosen one signs in through its
 * proxy auth provider, so each identity gets its own user entity ref and group ownership.
 */
export function IdentitySignInPage(props: SignInPageProps) {
  const [provider, setProvider] = useState(
    () => localStorage.getItem(STORAGE_KEY) ?? undefined,
  );

  if (provider) {
    return (
      <ProxiedSignInPage
        provider={provider}
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgetOnSignOut(identity))
        }
      />
    );
  }

  return (
    <Page themeId="home">
      <Header title="DaemonSet self-service" subtitle="Choose who you are" />
      <Content>
        <Grid container spacing={2}>
          {signInIdentities.map(identity => (
            <Grid item xs={12} sm={6} md={4} key={identity.provider}>
              <InfoCard
                title={identity.title}
                variant="fullHeight"
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    aria-label={`Sign in as ${identity.title}`}
                    onClick={() => {
                      localStorage.setItem(STORAGE_KEY, identity.provider);
                      setProvider(identity.provider);
                    }}
                  >
                    Sign in
                  </Button>
                }
              >
                <Typography variant="body1">{identity.description}</Typography>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
