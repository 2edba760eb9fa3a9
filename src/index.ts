export { createContactsClient, type ContactsClient } from './create-contacts-client.js';
export {
  AGENTOS_RATE_LIMIT,
  DEFAULT_CLIENT_OPTIONS,
  type ClientEvent,
  type ContactsClientOptions,
  type RateLimit,
} from './client-options.js';
export {
  ApiError,
  HttpError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  isApiError,
  isHttpError,
  isNetworkError,
  isRateLimitError,
  isTimeoutError,
} from './errors.js';
export { RollingWindowLimiter, type LimiterSettings, type LimiterSlot } from './rolling-window-limiter.js';
export {
  hasMarketingConsent,
  personalFieldsPresent,
  withoutPersonalData,
  type ConsentAware,
  type Consented,
  type NotConsented,
} from './consent.js';
export { given, isGiven, withoutNulls, type Empty, type WithoutNulls } from './empty-values.js';
export { readErrorBody, type ErrorBody, type ProblemDetails } from './error-body.js';
export { PERSONAL_DATA_FIELDS, type PersonalDataField } from './personal-data-fields.js';
export type { PeopleResource, PersonRole } from './resources/people.js';
export {
  CONTACT_ROUTES,
  type ContactRecords,
  type ContactResource,
  type ContactTypeKey,
} from './resources/contacts.js';
export type { AllOptions, BranchFilter, CallOptions, ListOptions } from './resources/call-options.js';
export { MAX_PAGE_SIZE } from './resources/paginate.js';
export type * from './contract-types.js';
export type { components, operations, paths } from './generated/v4-contacts.js';
