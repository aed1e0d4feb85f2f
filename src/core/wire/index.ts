/** Public API of the explorer's wire contract, shared by the app and src/server. */
export {
  PROXY_PATH,
  TARGET_HEADER,
  PROXY_ERROR_HEADER,
  PROXY_ERROR_STATUS,
  isProxyControlHeader,
  isProxyErrorCode,
  type ProxyErrorCode,
} from './contract';
export {
  TargetAllowList,
  dotSegmentProblem,
  normaliseTarget,
  originForLog,
  type TargetParseResult,
} from './targets';
