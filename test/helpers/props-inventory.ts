import * as path from 'path';
import * as ts from 'typescript';

/** What a construct's props declare, read from the library's own type declarations. */
export interface PropsInventory {
  /** The required top-level properties. */
  readonly required: string[];
  /**
   * Every property typed with an enum, nested ones included: `style.colorScheme`,
   * `assets[].category`, `compromisedCredentials.events[]`.
   */
  readonly enums: string[];
}

/**
 * Reads every exported class of `lib/index.ts` whose constructor takes `(scope, id, props)` and
 * lists its required props and enum-typed props, so that a test can prove the runtime checks
 * cover all of them (and keep covering them as props are added).
 */
export function propsInventory(): Map<string, PropsInventory> {
  const root = path.join(__dirname, '..', '..');
  const program = ts.createProgram([path.join(root, 'lib', 'index.ts')], {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true,
  });
  const checker = program.getTypeChecker();
  const index = checker.getSymbolAtLocation(program.getSourceFile(path.join(root, 'lib', 'index.ts'))!)!;
  const result = new Map<string, PropsInventory>();

  for (const exported of checker.getExportsOfModule(index)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
    const declaration = symbol.valueDeclaration as ts.ClassDeclaration;
    const ctor = declaration.members.find(ts.isConstructorDeclaration);
    if (!ctor || ctor.parameters.length !== 3 || ctor.parameters[1].name.getText() !== 'id') continue;
    const propsType = checker.getTypeAtLocation(ctor.parameters[2]);
    const required = checker.getPropertiesOfType(propsType)
      .filter((p) => !(p.flags & ts.SymbolFlags.Optional))
      .map((p) => p.name);
    const enums: string[] = [];
    walk(checker, propsType, '', enums, 0);
    result.set(symbol.name, { required: required.sort(), enums: enums.sort() });
  }
  return result;
}

function isEnum(type: ts.Type): boolean {
  if (type.flags & ts.TypeFlags.EnumLike) return true;
  return type.isUnion() && type.types.length > 0 && type.types.every((t) => (t.flags & ts.TypeFlags.EnumLiteral) !== 0);
}

/** A struct (a data interface), not a behavioural interface such as IUserPool or a class. */
function isStruct(type: ts.Type): boolean {
  const symbol = type.getSymbol();
  if (!symbol || !(symbol.flags & ts.SymbolFlags.Interface)) return false;
  if (/^I[A-Z]/.test(symbol.name)) return false;
  return type.getCallSignatures().length === 0;
}

function walk(checker: ts.TypeChecker, type: ts.Type, prefix: string, out: string[], depth: number): void {
  if (depth > 4) return;
  for (const prop of checker.getPropertiesOfType(type)) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    if (!decl) continue;
    let t = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(prop, decl));
    let name = `${prefix}${prop.name}`;
    if (checker.isArrayType(t)) {
      t = checker.getNonNullableType((t as ts.TypeReference).typeArguments![0]);
      name += '[]';
    }
    if (isEnum(t)) out.push(name);
    else if (isStruct(t)) walk(checker, t, `${name}.`, out, depth + 1);
  }
}
