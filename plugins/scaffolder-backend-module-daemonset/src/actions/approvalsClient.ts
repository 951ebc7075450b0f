import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  parseErrorResponseBody,
} from '@backstage/errors';
import {
  ApprovalRequest,
  CreateApprovalRequestInput,
} from '@daemonsets/plugin-daemonset-common';

/** The backend plugin that stores approval requests. */
const APPROVALS_PLUGIN_ID = 'daemonset';

/** Longest error text of the route repeated in an action error. */
const MAX_MESSAGE_CHARS = 500;

async function messageOf(response: Response): Promise<string> {
  try {
    const body = await parseErrorResponseBody(response);
    const message = body.error?.message ?? '';
    return message.length > MAX_MESSAGE_CHARS
      ? `${message.slice(0, MAX_MESSAGE_CHARS)}…`
      : message;
  } catch {
    return response.statusText;
  }
}

/** Turns a refusal of `POST /approvals` into the Backstage error of the same meaning. */
async function refusal(response: Response): Promise<Error> {
  const message = await messageOf(response);
  switch (response.status) {
    case 400:
      return new InputError(
        `The approvals service refused the request: ${message}`,
      );
    case 401:
      return new AuthenticationError(
        `The approvals service did not accept the task's credentials: ${message}`,
      );
    case 403:
      return new NotAllowedError(
        `Not allowed to request an approval: ${message}`,
      );
    case 404:
      return new NotFoundError(
        `The approvals service answered 404: is the DaemonSet backend plugin (pluginId '${APPROVALS_PLUGIN_ID}') installed in this backend? ${message}`,
      );
    case 409:
      return new ConflictError(
        `The approvals service refused the request: ${message}`,
      );
    default:
      return new Error(
        `The approvals service failed with ${response.status} ${response.statusText}: ${message}`,
      );
  }
}

/**
 * Files an approval request with the DaemonSet backend plugin (`POST /approvals`), on behalf of
 * the given user: the backend takes the requester from these credentials, never from the body.
 *
 * @throws InputError (400), AuthenticationError (401), NotAllowedError (403), NotFoundError
 * (404: the backend plugin is missing), ConflictError (409), or Error for anything else.
 */
export async function fileApprovalRequest(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  onBehalfOf: BackstageCredentials;
  body: CreateApprovalRequestInput;
  signal?: AbortSignal;
}): Promise<ApprovalRequest> {
  const { discovery, auth, onBehalfOf, body, signal } = options;
  const baseUrl = await discovery.getBaseUrl(APPROVALS_PLUGIN_ID);
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf,
    targetPluginId: APPROVALS_PLUGIN_ID,
  });
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/approvals`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    // The cause's message never holds the token: it is only in a header.
    throw new Error(
      `Could not reach the approvals service at ${baseUrl}/approvals: ${
        (error as Error).message
      }`,
    );
  }
  if (!response.ok) {
    throw await refusal(response);
  }
  // Parsed here rather than with response.json(): the scaffolder's templating refuses arrays
  // whose prototype is not its own realm's, and fetch may parse in another realm (as under jest).
  return JSON.parse(await response.text()) as ApprovalRequest;
}
