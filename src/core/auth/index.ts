/** Public API of auth: login bodies, 2FA challenges and answers, and diagnosis of refused calls. */
export { sha256Hex } from './hash';
export {
  buildLoginBody,
  encodePassword,
  normalizeCode,
  parseLoginSuccess,
  type HashedPassword,
  type LoginBody,
  type LoginInput,
  type LoginSuccess,
  type PasswordEncoding,
} from './login';
export {
  buildTwoFactorHeaders,
  parseTwoFactorChallenge,
  type TwoFactorChallenge,
  type TwoFactorErrorKind,
  type TwoFactorHeaders,
  type TwoFactorMethod,
} from './twofactor';
export {
  diagnoseAuth,
  errorCodeOf,
  type AuthCause,
  type Diagnosis,
  type DiagnosisInput,
  type SentHeader,
} from './diagnose';
