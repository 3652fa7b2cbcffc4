export { CONTRACTS, destinationRefusal, discordAnswer, discordContract, discordRejection, DISCORD_MESSAGE_LIMITS, type Contract } from './contracts';
export { eventDate } from './event-date';
export { MASK, maskSecrets, shownHeaderValue } from './mask';
export {
  DEFAULT_MAX_BODY_BYTES,
  MAX_BODY_LIMIT_BYTES,
  startReceiver,
  type Receiver,
  type ReceivedRequest,
  type ReceiverOptions,
} from './receiver';
export {
  DEFAULT_TIMEOUT_MS,
  deliver,
  describeNetworkError,
  whyUnsendable,
  type DeliveryAttempt,
  type DeliveryOptions,
  type DeliveryResult,
} from './send';
export { DEFAULT_SIGNATURE_HEADER, signBody, signRequest, verifySignature } from './signature';
