// Requests as LaunchDarkly would send them: `preview`, `curl` and `send` all plan through here.

export { openIntegrationToRender } from './open';
export { defaultSampleRef, NothingToRenderError, planRequests } from './plan';
export type { ShellBase64, ShellValue } from './shell-values';
export { curlValuesMissing, requestsToSend, secretsSent, withCredentialsOf, type OutgoingRequest, type SendChoice } from './to-send';
export type { PlannedRequest, PlannedRequests, RequestPlan } from './types';
