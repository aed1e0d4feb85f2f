/** Public API of request validation (ajv, like the server). */
export { compiledValidator, validateBodyText, validateRequest, type Problem, type RequestInput, type Severity, type ValidationResult } from './validate';
