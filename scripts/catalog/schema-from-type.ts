/**
 * Derives a compact JSON Schema from a TypeScript type (compiler API), for operations whose
 * parameters have no ajv validator in the package. Deliberately shallow: named model interfaces
 * (IUser, IRoom, ...) nested inside parameters become `{ type: 'object', title: 'IUser' }` and
 * nesting stops at MAX_DEPTH, because the catalog ships to the browser and a form only needs the
 * top level (arrays and objects are edited as JSON anyway).
 */
import ts from 'typescript';
import type { JsonSchema } from './validators';

const MAX_DEPTH = 3;

const CUTS = ['Omit', 'Pick', 'Partial', 'Required', 'Readonly', 'Serialized'];

export function typeName(checker: ts.TypeChecker, type: ts.Type): string | undefined {
  const alias = type.aliasSymbol;
  if (alias) {
    const n = alias.getName();
    // Omit<IRoom, ...>, Pick<IUser, ...>, Partial<IMessage>: name the model they are cut from.
    if (CUTS.includes(n) && type.aliasTypeArguments?.[0]) {
      return typeName(checker, type.aliasTypeArguments[0]);
    }
    if (!isModelName(n)) {
      // `type DefaultUserInfo = Pick<IUser, ...>`: look through the alias to the model it cuts.
      const decl = alias.declarations?.find(ts.isTypeAliasDeclaration);
      const node = decl?.type;
      if (node && ts.isTypeReferenceNode(node)) {
        const ref = ts.isQualifiedName(node.typeName) ? node.typeName.right.text : node.typeName.text;
        const arg = node.typeArguments?.[0];
        if (CUTS.includes(ref) && arg) return typeName(checker, checker.getTypeFromTypeNode(arg)) ?? n;
        if (isModelName(ref)) return ref;
      }
    }
    return n;
  }
  const sym = type.getSymbol();
  if (sym && (sym.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) !== 0) return sym.getName();
  return undefined;
}

/** Model types worth naming: core-typings style `IUser`, `IRoom`, `ILivechatVisitor`, ... */
export function isModelName(name: string | undefined): name is string {
  return !!name && /^I[A-Z][A-Za-z]+$/.test(name);
}

function isFromLib(type: ts.Type): boolean {
  const decl = type.getSymbol()?.declarations?.[0];
  return !!decl && /[\\/]typescript[\\/]lib[\\/]/.test(decl.getSourceFile().fileName);
}

export function schemaFromType(
  checker: ts.TypeChecker,
  type: ts.Type,
  depth = 0,
  seen = new Set<ts.Type>(),
): JsonSchema {
  const f = type.flags;
  if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [(type as ts.StringLiteralType).value] };
  if (f & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [(type as ts.NumberLiteralType).value] };
  if (f & ts.TypeFlags.BooleanLiteral)
    return { type: 'boolean', enum: [checker.typeToString(type) === 'true'] };
  if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping))
    return { type: 'string' };
  if (f & ts.TypeFlags.Number) return { type: 'number' };
  if (f & ts.TypeFlags.BigInt) return { type: 'integer' };
  if (f & ts.TypeFlags.Boolean) return { type: 'boolean' };
  if (f & ts.TypeFlags.Null) return { type: 'null' };
  if (f & (ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Never)) return {};

  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    // `true | false` is how TS spells boolean inside unions.
    const bools = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const rest = members.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
    const parts = rest.map((t) => schemaFromType(checker, t, depth, seen));
    if (bools.length === 2) parts.push({ type: 'boolean' });
    else if (bools.length === 1) parts.push(schemaFromType(checker, bools[0]!, depth, seen));
    return mergeUnion(parts);
  }

  const name = typeName(checker, type);
  if (name === 'Date') return { type: 'string', format: 'date-time' };
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    const args = checker.getTypeArguments(type as ts.TypeReference);
    if (checker.isTupleType(type))
      return {
        type: 'array',
        items: mergeUnion(args.map((a) => schemaFromType(checker, a, depth + 1, seen))),
      };
    return { type: 'array', items: args[0] ? schemaFromType(checker, args[0], depth + 1, seen) : {} };
  }
  if (type.getCallSignatures().length > 0) return {};
  if (isFromLib(type) && name !== 'Record')
    return name ? { type: 'object', title: name } : { type: 'object' };

  if (f & ts.TypeFlags.Object || type.isIntersection()) {
    if (depth > 0 && isModelName(name)) return { type: 'object', title: name };
    if (depth >= MAX_DEPTH || seen.has(type)) return { type: 'object' };
    seen.add(type);
    try {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const prop of checker.getPropertiesOfType(type)) {
        const propName = prop.getName();
        if (propName.startsWith('__')) continue;
        const decl = prop.valueDeclaration ?? prop.declarations?.[0];
        const propType = decl ? checker.getTypeOfSymbolAtLocation(prop, decl) : checker.getTypeOfSymbol(prop);
        if (propType.getCallSignatures().length > 0) continue;
        properties[propName] = schemaFromType(checker, propType, depth + 1, seen);
        if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(propName);
      }
      const index = checker.getIndexInfosOfType(type)[0];
      const schema: JsonSchema = { type: 'object' };
      if (Object.keys(properties).length > 0) schema.properties = properties;
      if (required.length > 0) schema.required = required;
      if (index) {
        const v = schemaFromType(checker, index.type, depth + 1, seen);
        if (Object.keys(v).length > 0) schema.additionalProperties = v;
      } else if (depth === 0) {
        schema.additionalProperties = false;
      }
      return schema;
    } finally {
      seen.delete(type);
    }
  }
  return {};
}

function mergeUnion(parts: JsonSchema[]): JsonSchema {
  if (parts.some((p) => Object.keys(p).length === 0)) return {};
  // Collapse literal unions to one enum per primitive type.
  const enums = new Map<string, unknown[]>();
  const others: JsonSchema[] = [];
  for (const p of parts) {
    const keys = Object.keys(p);
    if (keys.length === 2 && Array.isArray(p.enum) && typeof p.type === 'string') {
      const list = enums.get(p.type) ?? [];
      list.push(...(p.enum as unknown[]));
      enums.set(p.type, list);
    } else others.push(p);
  }
  const out: JsonSchema[] = [];
  for (const [type, values] of enums) {
    if (others.some((o) => o.type === type && Object.keys(o).length === 1)) continue; // string | 'a' is string
    out.push({ type, enum: [...new Set(values)] });
  }
  const seen = new Set<string>();
  for (const o of others) {
    const k = JSON.stringify(o);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(o);
    }
  }
  if (out.length === 1) return out[0]!;
  if (out.every((o) => Object.keys(o).length === 1 && typeof o.type === 'string'))
    return { type: out.map((o) => o.type) };
  return { anyOf: out };
}
