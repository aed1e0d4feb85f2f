/** Public API of request validation (ajv, like the server; precompiled for the bundled catalog). */
export {
  CompileRefusedError,
  SERVER_ONLY_MESSAGE,
  compiledValidator,
  runtimeCompilationRefused,
  setRuntimeCompilation,
  validateBodyText,
  validateRequest,
  type Problem,
  type RequestInput,
  type SchemaCheck,
  type Severity,
  type ValidationResult,
  type Validator,
} from './validate';
export { schemaId } from './schema-id';
