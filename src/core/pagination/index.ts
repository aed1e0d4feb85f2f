/** Paging arithmetic, list envelopes, page merging and the rate-limit-paced fetch-all driver. */
export * from './arithmetic';
export * from './envelope';
export * from './fetch-all';
