/**
 * Reads the `Endpoints` interface of the pinned @rocket.chat/rest-typings with the TypeScript
 * compiler API (over the .d.ts files only: nothing is imported or executed here).
 *
 * For every (path key, method) pair it yields the parameter type, the result type and, where the
 * package ships one, the `is*Props` ajv validator whose declared type is the parameter type.
 * Matching a validator to an operation is done on *symbols*, not names: the validator is declared
 * as `isX: ValidateFunction<X>`, the operation as `GET: (params: X) => ...`; both `X` resolve
 * (through imports) to the same type-alias/interface symbol. When the parameter is written inline,
 * a validator whose declared type is the very same checker type also matches.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
export type Method = (typeof METHODS)[number];

export interface ValidatorRef {
  /** Export name, e.g. `isChannelsListProps`. */
  name: string;
  /** Absolute path of the .js module that defines it (sibling of the .d.ts). */
  jsFile: string;
  /** Package-relative path, for reporting. */
  relFile: string;
}

export interface TypedOperation {
  /** The `Endpoints` key, e.g. `/v1/channels.list`. */
  key: string;
  method: Method;
  /** Parameter type, undefined when the function takes no parameter. */
  paramsType: ts.Type | undefined;
  /** The written parameter type node (first signature that has one). */
  paramsNode: ts.TypeNode | undefined;
  paramsOptional: boolean;
  resultType: ts.Type;
  validator: ValidatorRef | undefined;
}

export interface TypingsProgram {
  program: ts.Program;
  checker: ts.TypeChecker;
  packageDir: string;
  version: string;
  operations: TypedOperation[];
  validators: ValidatorRef[];
}

export function restTypingsDir(): string {
  return path.dirname(require.resolve('@rocket.chat/rest-typings/package.json'));
}

export function createTypingsProgram(extraRootFiles: string[] = []): {
  program: ts.Program;
  packageDir: string;
} {
  const packageDir = restTypingsDir();
  const entry = path.join(packageDir, 'dist', 'index.d.ts');
  const program = ts.createProgram([entry, ...extraRootFiles], {
    noEmit: true,
    skipLibCheck: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
  return { program, packageDir };
}

function resolveAlias(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): ts.Symbol | undefined {
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) return checker.getAliasedSymbol(symbol);
  return symbol;
}

/** The symbol a type node names (`X` or `import("..").X`), through import aliases. */
function namedSymbol(checker: ts.TypeChecker, node: ts.TypeNode | undefined): ts.Symbol | undefined {
  if (!node) return undefined;
  if (ts.isTypeReferenceNode(node)) {
    const name = ts.isQualifiedName(node.typeName) ? node.typeName.right : node.typeName;
    return resolveAlias(checker, checker.getSymbolAtLocation(name));
  }
  if (ts.isImportTypeNode(node) && node.qualifier) {
    const name = ts.isQualifiedName(node.qualifier) ? node.qualifier.right : node.qualifier;
    return resolveAlias(checker, checker.getSymbolAtLocation(name));
  }
  return undefined;
}

interface ValidatorDecl extends ValidatorRef {
  targetSymbol: ts.Symbol | undefined;
  targetType: ts.Type;
}

/** Every `declare const isX: ValidateFunction<T>` in the package's .d.ts files. */
function findValidators(program: ts.Program, checker: ts.TypeChecker, packageDir: string): ValidatorDecl[] {
  const out: ValidatorDecl[] = [];
  const distDir = path.join(packageDir, 'dist') + path.sep;
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(distDir) && !path.resolve(sf.fileName).startsWith(distDir)) continue;
    for (const stmt of sf.statements) {
      if (!ts.isVariableStatement(stmt)) continue;
      for (const decl of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || !decl.type) continue;
        const name = decl.name.text;
        const t = decl.type;
        let qualifierName: string | undefined;
        let typeArgs: readonly ts.TypeNode[] | undefined;
        if (ts.isImportTypeNode(t) && t.qualifier) {
          qualifierName = ts.isQualifiedName(t.qualifier) ? t.qualifier.right.text : t.qualifier.text;
          typeArgs = t.typeArguments;
        } else if (ts.isTypeReferenceNode(t)) {
          qualifierName = ts.isQualifiedName(t.typeName) ? t.typeName.right.text : t.typeName.text;
          typeArgs = t.typeArguments;
        }
        if (qualifierName !== 'ValidateFunction' || !typeArgs?.[0]) continue;
        const arg = typeArgs[0];
        const jsFile = path.resolve(sf.fileName).replace(/\.d\.ts$/, '.js');
        out.push({
          name,
          jsFile,
          relFile: path.relative(packageDir, jsFile).split(path.sep).join('/'),
          targetSymbol: namedSymbol(checker, arg),
          targetType: checker.getTypeFromTypeNode(arg),
        });
      }
    }
  }
  out.sort((a, b) =>
    a.relFile + a.name < b.relFile + b.name ? -1 : a.relFile + a.name > b.relFile + b.name ? 1 : 0,
  );
  return out;
}

function signaturesOf(type: ts.Type): readonly ts.Signature[] {
  if (type.isUnion()) return type.types.flatMap((t) => t.getCallSignatures());
  return type.getCallSignatures();
}

export function analyseTypings(): TypingsProgram {
  const { program, packageDir } = createTypingsProgram();
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(path.join(packageDir, 'dist', 'index.d.ts'));
  if (!entry) throw new Error('rest-typings: dist/index.d.ts not found');
  const moduleSymbol = checker.getSymbolAtLocation(entry);
  if (!moduleSymbol) throw new Error('rest-typings: no module symbol');
  const endpointsSymbol = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'Endpoints');
  if (!endpointsSymbol) throw new Error('rest-typings: `Endpoints` is not exported');
  const endpointsType = checker.getDeclaredTypeOfSymbol(endpointsSymbol);

  const validators = findValidators(program, checker, packageDir);
  const bySymbol = new Map<ts.Symbol, ValidatorDecl>();
  const byType = new Map<ts.Type, ValidatorDecl>();
  for (const v of validators) {
    if (v.targetSymbol && !bySymbol.has(v.targetSymbol)) bySymbol.set(v.targetSymbol, v);
    if (!byType.has(v.targetType)) byType.set(v.targetType, v);
  }

  const operations: TypedOperation[] = [];
  for (const pathProp of checker.getPropertiesOfType(endpointsType)) {
    const key = pathProp.getName();
    const pathType = checker.getTypeOfSymbol(pathProp);
    for (const methodProp of checker.getPropertiesOfType(pathType)) {
      const method = methodProp.getName() as Method;
      if (!METHODS.includes(method)) throw new Error(`rest-typings: unexpected method ${method} on ${key}`);
      const fnType = checker.getTypeOfSymbol(methodProp);
      const sigs = signaturesOf(fnType);
      if (sigs.length === 0) throw new Error(`rest-typings: ${method} ${key} is not a function type`);
      let paramsType: ts.Type | undefined;
      let paramsNode: ts.TypeNode | undefined;
      let paramsOptional = false;
      const results: ts.Type[] = [];
      for (const sig of sigs) {
        results.push(sig.getReturnType());
        const p = sig.getParameters()[0];
        if (!p) {
          paramsOptional = true;
          continue;
        }
        const decl = p.valueDeclaration;
        if (!paramsType) {
          paramsType = checker.getTypeOfSymbol(p);
          if (decl && ts.isParameter(decl)) {
            paramsNode = decl.type;
            if (decl.questionToken) paramsOptional = true;
          }
        }
      }
      const resultType = results.length === 1 ? results[0]! : results[0]!; // unions of signatures share a result shape in practice
      let validator: ValidatorDecl | undefined;
      if (paramsNode) {
        const sym = namedSymbol(checker, paramsNode);
        validator = (sym && bySymbol.get(sym)) || (paramsType && byType.get(paramsType));
      }
      operations.push({
        key,
        method,
        paramsType,
        paramsNode,
        paramsOptional,
        resultType,
        validator: validator
          ? { name: validator.name, jsFile: validator.jsFile, relFile: validator.relFile }
          : undefined,
      });
    }
  }
  const version = (require(path.join(packageDir, 'package.json')) as { version: string }).version;
  return {
    program,
    checker,
    packageDir,
    version,
    operations,
    validators: validators.map((v) => ({ name: v.name, jsFile: v.jsFile, relFile: v.relFile })),
  };
}
