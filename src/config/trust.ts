// What Restricted Mode changes for this extension, in one place: the settings
// an untrusted workspace cannot set (package.json `restrictedConfigurations`;
// the token-routing settings are `application` scope and never read from a
// workspace at all), and the words the log and the Clusters view show.
import { capabilities } from '../../package.json';

/** Settings whose workspace values VS Code ignores while the workspace is not trusted. */
export const RESTRICTED_SETTINGS: readonly string[] = capabilities.untrustedWorkspaces.restrictedConfigurations;

/** The Clusters view's message in Restricted Mode (short: it sits above the tree). */
export const RESTRICTED_VIEW_MESSAGE =
  'Restricted Mode: this workspace\'s Kusto MI settings (identities, exclusions, request limits) are ignored; clusters and sign-in come from your user settings.';

/** The log line at activation in Restricted Mode: every ignored setting by name. */
export function restrictedModeLogLine(): string {
  return `Restricted Mode: the workspace is not trusted, so its values for ${RESTRICTED_SETTINGS.join(', ')} are ignored ` +
    '(kustoMi.clusters, kustoMi.auth.*, kustoMi.cloud and kustoMi.armEndpoint are only ever read from user settings). Trust the workspace to use them.';
}
