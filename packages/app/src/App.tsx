import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { daemonSetScaffolderModule } from '@daemonsets/plugin-daemonset/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// The scaffolder and DaemonSet plugins are discovered (app.packages: all), but discovery only
// loads a package's default export: the DaemonSet wizard's form fields, a module of the
// scaffolder plugin, are named and added here.
export default createApp({
  features: [catalogPlugin, navModule, signInModule, daemonSetScaffolderModule],
});
