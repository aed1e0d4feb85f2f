// What the rate-limit feature offers the others: the gauge, the 429 alert and the budget store.
export { RateLimitGauge, useRateLimitWindow, type RouteRef } from './RateLimitGauge';
export { TooManyRequestsAlert } from './TooManyRequestsAlert';
export { useNow } from './useNow';
export { useRateLimitStore, startRateLimitTracking } from './store';
