import { render, screen } from '@testing-library/react';
import App from './App';

// The whole app (every plugin's extensions) mounts in jsdom: seconds on a busy machine.
jest.setTimeout(60_000);

describe('App', () => {
  it('renders the sign-in page, offering to sign in', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // Not signed in: the app's own sign-in page, with at least one identity to sign in as.
    expect(
      await screen.findByRole(
        'heading',
        { level: 1, name: 'DaemonSet self-service' },
        { timeout: 30_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('button', { name: /^Sign in as / }).length,
    ).toBeGreaterThan(0);
  });
});
